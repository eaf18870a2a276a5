// Slack's dialect of the message model: mrkdwn text with Slack's three-character escaping, and
// Block Kit blocks with buttons.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bot/chat/message.hpp"

namespace oncall {

// Escapes exactly &, < and > (Slack's rule); nothing else.
std::string slack_escape(std::string_view text);
// Reverses slack_escape, for text Slack sends us.
std::string slack_unescape(std::string_view text);
std::string slack_mrkdwn(const rich_text& t);
// Block Kit blocks for the message.
nlohmann::json slack_blocks(const outbound_message& m);
// The `text` argument: a readable fallback for notifications (mrkdwn, escaped).
std::string slack_fallback(const outbound_message& m);
// Arguments for chat.postMessage / chat.update / an ack payload: {"text", "blocks"}.
nlohmann::json slack_message_body(const outbound_message& m);

}  // namespace oncall
