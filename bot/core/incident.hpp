// An incident: one page, from the first alert to the resolve, and the pure rules that move it
// between states. Transitions are functions from (incident, who, now) to a new incident or an
// error that says why the change is refused; storage and chat happen elsewhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/alert.hpp"
#include "bot/core/result.hpp"
#include "bot/core/root_cause.hpp"
#include "bot/core/time.hpp"

namespace oncall {

enum class incident_state { triggered, acknowledged, resolved };

std::string to_string(incident_state s);
std::optional<incident_state> incident_state_from_string(std::string_view s);

struct incident {
  std::int64_t id = 0;
  std::string key;     // dedup key: "<source>:<group key>"; open incidents have unique keys
  std::string title;
  std::string source;  // alertmanager, generic, pagerduty, grafana, manual
  int severity = 3;
  bool severity_set_by_hand = false;
  incident_state state = incident_state::triggered;
  std::string policy;  // escalation policy name; empty when no route matched
  int level = 0;       // index of the current escalation level
  int cycle = 0;       // how many times the policy's levels have been repeated
  time_point opened_at;
  std::optional<time_point> acked_at;
  std::string acked_by;  // person name, or the chat user id of someone not in people
  std::optional<time_point> ack_until;  // ack lease end (ack for 30m)
  std::optional<time_point> resolved_at;
  std::string resolved_by;
  std::string lead;
  std::optional<time_point> next_escalation_at;
  label_map labels;        // group labels routes matched on
  std::vector<link> links;
  int alert_count = 0;     // alerts grouped into it (firing or resolved)
  int firing_count = 0;
  // Where it is announced: channel id and message ref (Slack ts, Mattermost post id).
  std::string channel;
  std::string message_ref;
  root_cause cause = root_cause::unknown;  // set with /oncall cause
  std::string cause_text;                  // what the responders wrote about the cause
  bool operator==(const incident&) const = default;

  bool open() const { return state != incident_state::resolved; }
  std::string display_id() const { return "#" + std::to_string(id); }
};

// "42" or "#42" → 42; nullopt for anything else (commands and the CLI take both forms).
std::optional<std::int64_t> parse_incident_id(std::string_view word);

// A refused transition says why in words a responder understands.
result<incident> acknowledge(incident inc, const std::string& by, time_point now,
                             std::optional<duration> lease = std::nullopt);
result<incident> resolve(incident inc, const std::string& by, time_point now);
// Moves to the next escalation level; wraps to level 0 for a repeat when levels run out and
// repeats remain. `level_count` and `repeat` come from the incident's policy.
result<incident> escalate(incident inc, int level_count, int repeat, time_point now);
result<incident> set_severity(incident inc, int severity);

}  // namespace oncall
