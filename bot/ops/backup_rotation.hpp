// Scheduled backups (storage.backup, SPEC §2): how a backup file is named and which old ones a
// rotation removes. Pure functions over names, so the rules are tested without a clock or disk.
#pragma once

#include <string>
#include <vector>

#include "bot/core/time.hpp"

namespace oncall {

// "oncallbot-20261204T134500Z.db": UTC, so names sort in the order the backups were taken.
std::string backup_file_name(time_point taken_at);

// Whether `name` is one of ours (other files in the directory are never touched).
bool is_backup_file_name(const std::string& name);

// The names, among `names`, to delete so that only the newest `keep` backups remain.
std::vector<std::string> backups_to_remove(std::vector<std::string> names, int keep);

}  // namespace oncall
