// Slack's message events (Events API over Socket Mode) and conversations.replies messages as
// room events and room messages for the timeline. Pure functions, tested on the shapes of
// real payloads (protocols.md A4): thread replies by thread_ts, message_changed with the new
// content in `message`, message_deleted with deleted_ts, reaction_added / reaction_removed.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "bot/core/room_event.hpp"

namespace oncall {

// Who the bot is (auth.test's user_id and bot_id): its own messages are left out, since the
// timeline has them already as bot events.
struct slack_self {
  std::string user_id;
  std::string bot_id;
};

// The event of an events_api payload (event_callback) as a room event; nullopt for events the
// timeline does not keep: the bot's own messages, joins, topic changes, other reactions, …
std::optional<room_event> slack_room_event(const nlohmann::json& payload, const slack_self& self);

// One message as Slack shows it (in an event or conversations.replies) as the timeline keeps
// it; nullopt for the bot's own and for what nobody wrote (joins, topic changes, …).
std::optional<room_message> slack_room_message(const nlohmann::json& message, const slack_self& self);

// "1610241741.000200" → the instant (milliseconds); nullopt when it is not a Slack ts.
std::optional<time_point> slack_ts_time(std::string_view ts);

// mrkdwn as plain text: <@U1> → @U1, <#C1|ops> → #ops, <!here> → @here, <url|label> →
// label (url), <url> → url; &amp; &lt; &gt; unescaped.
std::string slack_plain_text(std::string_view text);

}  // namespace oncall
