// How an incident's announcement looks: the page in the alerts channel, updated in place.
#pragma once

#include "bot/chat/message.hpp"
#include "bot/core/incident.hpp"

namespace oncall {

// `paged` are the mentions of whoever the current level pages; `acked_by`, `resolved_by` and
// `lead` spans name the people (mention when they have a chat handle).
struct announcement_people {
  rich_text paged;
  rich_text acked_by;
  rich_text resolved_by;
  rich_text lead;  // shown only once the incident has a lead
};

outbound_message render_announcement(const incident& inc, const announcement_people& people);

// Action ids of the announcement's buttons.
inline constexpr const char* action_ack = "ack";
inline constexpr const char* action_escalate = "escalate";
inline constexpr const char* action_resolve = "resolve";
inline constexpr const char* action_rate_actionable = "rate_actionable";
inline constexpr const char* action_rate_not_actionable = "rate_not_actionable";
inline constexpr const char* action_rate_false_alarm = "rate_false_alarm";

}  // namespace oncall
