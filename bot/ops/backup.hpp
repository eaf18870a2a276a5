// `oncallbot backup` and `oncallbot restore` (SPEC §1): a consistent copy of all state taken
// while the bot runs (SQLite's online backup API), checked before it is trusted, and a restore
// that refuses storage a running bot holds.
#pragma once

#include <iosfwd>
#include <string>

namespace oncall {

// Copies the storage to `out` (written beside it under a temporary name, checked with
// PRAGMA integrity_check, then renamed). Returns the exit code; errors go to `err`.
int backup_storage(const std::string& storage_url, const std::string& out, std::ostream& err);

// Replaces the storage with the copy at `in` after checking it (integrity, schema version not
// newer than this oncallbot); migrates an older copy. Refused while a bot holds the storage.
int restore_storage(const std::string& storage_url, const std::string& in, std::ostream& err);

}  // namespace oncall
