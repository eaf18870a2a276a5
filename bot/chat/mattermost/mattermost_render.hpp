// Mattermost's dialect of the message model: Markdown with untrusted text escaped (no stray
// @channel pings), and legacy message attachments whose buttons call back the bot with a
// signed context.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bot/chat/message.hpp"

namespace oncall {

// Escapes Markdown metacharacters and defuses @mentions in untrusted text.
std::string mattermost_escape(std::string_view text);
std::string mattermost_markdown(const rich_text& t);

struct mattermost_actions {
  std::string url;          // {http.public_url}/mattermost/action
  std::string signing_key;  // signs each button's context
};

// The `message` and `props` of a post for the message.
nlohmann::json mattermost_post_body(const outbound_message& m, const mattermost_actions& actions);
// Plain Markdown for slash-command responses.
std::string mattermost_text(const outbound_message& m);

// Signature of a button context; verify with constant_time_equal.
std::string sign_action(const std::string& signing_key, const std::string& action,
                        const std::string& value);

}  // namespace oncall
