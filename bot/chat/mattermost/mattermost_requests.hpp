// What Mattermost POSTs to the bot — slash commands (form-encoded, Authorization: Token) and
// button clicks (JSON with the button's context) — parsed and verified as pure functions.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "bot/chat/chat_platform.hpp"
#include "bot/core/result.hpp"
#include "bot/net/url.hpp"

namespace oncall {

// A verified slash command; an error (→ 401) when the token is missing or wrong, an error with
// field set (→ 400) when fields are missing.
result<inbound_command> mattermost_command(const inbound_http& request, const std::string& command_token);

struct mattermost_click {
  inbound_click click;  // user holds the Mattermost user id until resolved to a username
  std::string user_name;  // when the server sent it
};

// A button click whose context carries a valid signature; an error otherwise.
result<mattermost_click> mattermost_action(const inbound_http& request, const std::string& signing_key);

// Slash-command response JSON.
std::string mattermost_command_response(const chat_reply& reply, const std::string& text);

}  // namespace oncall
