// postmortems.git: true — each exported draft is also written into postmortems.dir and
// committed there with the git CLI, so postmortems are kept in one place with their history.
// Best effort: the caller reports a failure and carries on; nothing waits for it.
#pragma once

#include <string>

#include "bot/core/incident.hpp"
#include "bot/core/result.hpp"
#include "bot/report/postmortem.hpp"
#include "config/config.hpp"

namespace oncall {

// Writes `text` to <postmortems.dir>/<postmortem_file_name> and commits it (git init first when
// the folder is in no repository). Returns what was done, for a log line or a reply:
// "committed postmortems/postmortem-4-db.md" or "… unchanged, nothing to commit".
// git runs without a shell (posix_spawn, argv only) as "oncallbot <oncallbot@localhost>".
result<std::string> commit_postmortem(const config& cfg, const incident& inc,
                                      postmortem_format format, const std::string& text);

}  // namespace oncall
