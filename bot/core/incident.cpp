// The incident state machine: triggered → acknowledged → resolved, with escalation levels.
#include "bot/core/incident.hpp"

#include <charconv>

namespace oncall {

std::optional<std::int64_t> parse_incident_id(std::string_view word) {
  if (!word.empty() && word.front() == '#') word.remove_prefix(1);
  if (word.empty() || word.size() > 15) return std::nullopt;
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), id);
  if (ec != std::errc{} || ptr != word.data() + word.size() || id <= 0) return std::nullopt;
  return id;
}


std::string to_string(incident_state s) {
  switch (s) {
    case incident_state::triggered: return "triggered";
    case incident_state::acknowledged: return "acknowledged";
    case incident_state::resolved: return "resolved";
  }
  return "unknown";
}

std::optional<incident_state> incident_state_from_string(std::string_view s) {
  if (s == "triggered") return incident_state::triggered;
  if (s == "acknowledged") return incident_state::acknowledged;
  if (s == "resolved") return incident_state::resolved;
  return std::nullopt;
}

result<incident> acknowledge(incident inc, const std::string& by, time_point now,
                             std::optional<duration> lease) {
  if (inc.state == incident_state::resolved) {
    return error{"incident " + inc.display_id() + " is already resolved; nothing to acknowledge"};
  }
  // A second ack by someone else takes over; acking again renews a lease.
  inc.state = incident_state::acknowledged;
  if (!inc.acked_at) inc.acked_at = now;
  inc.acked_by = by;
  inc.ack_until = lease ? std::optional<time_point>(now + *lease) : std::nullopt;
  inc.next_escalation_at.reset();
  return inc;
}

result<incident> resolve(incident inc, const std::string& by, time_point now) {
  if (inc.state == incident_state::resolved) {
    return error{"incident " + inc.display_id() + " is already resolved"};
  }
  inc.state = incident_state::resolved;
  inc.resolved_at = now;
  inc.resolved_by = by;
  inc.ack_until.reset();
  inc.next_escalation_at.reset();
  return inc;
}

result<incident> escalate(incident inc, int level_count, int repeat, time_point now) {
  (void)now;
  if (inc.state == incident_state::resolved) {
    return error{"incident " + inc.display_id() + " is resolved; there is nobody left to wake"};
  }
  if (level_count <= 0) {
    return error{"incident " + inc.display_id() +
                 " has no escalation policy; give its route a policy in the config"};
  }
  if (inc.level + 1 < level_count) {
    ++inc.level;
  } else if (inc.cycle < repeat) {
    ++inc.cycle;
    inc.level = 0;
  } else {
    return error{"incident " + inc.display_id() +
                 " is already at the last escalation level of policy '" + inc.policy + "'"};
  }
  // Escalating re-opens the page: whoever acked did not fix it in time.
  inc.state = incident_state::triggered;
  inc.ack_until.reset();
  return inc;
}

result<incident> set_severity(incident inc, int severity) {
  if (severity < 1 || severity > 4) {
    return error{"severity must be 1 (worst) to 4, not " + std::to_string(severity), "severity"};
  }
  inc.severity = severity;
  inc.severity_set_by_hand = true;
  return inc;
}

}  // namespace oncall
