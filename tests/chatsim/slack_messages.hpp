// Role: how Slack shows a stored message to API clients and in events (the "message" object of
// chat.postMessage, conversations.history and message events).
#pragma once

#include <nlohmann/json.hpp>

#include "workspace.hpp"

namespace chatsim {

nlohmann::json bot_profile_json(const team_identity& team);
nlohmann::json slack_message_json(const workspace& ws, const channel& ch, const message& m);
// The content-only view used for "previous_message" in change events.
nlohmann::json slack_content_json(const message_content& content);

}  // namespace chatsim
