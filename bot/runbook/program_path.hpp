// Which file a runbook's program is. Resolved by the bot, before the process starts, so that
// neither the bot's own PATH nor the runbook's working directory decides what runs.
#pragma once

#include <string>
#include <string_view>

#include "bot/core/result.hpp"

namespace oncall {

// The absolute path of `program`: a name without '/' ("curl") is looked up in `search_path`
// (colon-separated, normally runbook_search_path); a relative path
// ("scripts/runbooks/rollback.sh") is taken relative to `base_dir` (the bot's working
// directory). The file must be a regular, executable file.
result<std::string> resolve_program(const std::string& program, std::string_view search_path,
                                    const std::string& base_dir);

}  // namespace oncall
