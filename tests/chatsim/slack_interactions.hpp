// Role: the payloads Slack sends when a person acts: a slash command (slash_commands envelope)
// and a button click (block_actions in an interactive envelope).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "slack_blocks.hpp"
#include "workspace.hpp"

namespace chatsim {

struct interaction_ids {
  std::string trigger_id;
  std::string response_url;
};

// `text` is what the person typed; it is escaped (&amp; &lt; &gt;) as Slack does.
nlohmann::json slash_command_payload(const team_identity& team, const channel& ch, const user& who,
                                     const std::string& command, const std::string& text,
                                     const interaction_ids& ids);

nlohmann::json block_actions_payload(const workspace& ws, const channel& ch, const message& m,
                                     const user& who, const found_button& button,
                                     const interaction_ids& ids, const std::string& action_ts);

}  // namespace chatsim
