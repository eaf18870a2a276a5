// Tracker tickets (Jira issues) of incidents and follow-ups, and the durable work that files
// and updates them. A ticket belongs to an incident (followup_id 0) or to one of its follow-ups.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "bot/core/time.hpp"

namespace oncall {

// Jira's status categories, which every workflow maps its statuses onto.
enum class ticket_state { unknown, open, in_progress, done };

// "new" → open, "indeterminate" → in_progress, "done" → done; anything else → unknown.
inline ticket_state ticket_state_from_category(const std::string& category) {
  if (category == "new") return ticket_state::open;
  if (category == "indeterminate") return ticket_state::in_progress;
  if (category == "done") return ticket_state::done;
  return ticket_state::unknown;
}

inline std::string to_string(ticket_state s) {
  switch (s) {
    case ticket_state::open: return "open";
    case ticket_state::in_progress: return "in progress";
    case ticket_state::done: return "done";
    case ticket_state::unknown: break;
  }
  return "unknown";
}

struct ticket {
  std::int64_t incident_id = 0;
  std::int64_t followup_id = 0;  // 0: the incident's own ticket
  std::string key;               // OPS-12
  std::string url;               // https://example.atlassian.net/browse/OPS-12
  std::string status;            // the workflow's status name, as Jira last said
  std::string category;          // new | indeterminate | done | "" (not read yet)
  std::optional<time_point> checked_at;  // when the status was read from Jira
  bool operator==(const ticket&) const = default;

  ticket_state state() const { return ticket_state_from_category(category); }
};

// What a tracker job does.
enum class tracker_job_kind {
  incident_ticket,  // file or update the incident's ticket
  followup_ticket,  // file the follow-up's ticket
  followup_done,    // move the follow-up's ticket to a done status
};

std::string to_string(tracker_job_kind k);
std::optional<tracker_job_kind> tracker_job_kind_from_string(const std::string& s);

// One piece of tracker work, stored in the same commit as the change that asked for it and
// carried out by the tracker service until it succeeds or fails for good.
struct tracker_job {
  std::int64_t id = 0;
  tracker_job_kind kind = tracker_job_kind::incident_ticket;
  std::int64_t incident_id = 0;
  std::int64_t followup_id = 0;
  std::string state = "pending";  // pending | done | failed
  int attempts = 0;
  time_point created_at;
  std::optional<time_point> next_attempt_at;  // empty: now
  std::string last_error;
  bool failure_reported = false;  // the room was told this job is waiting for the tracker
  bool operator==(const tracker_job&) const = default;
};

}  // namespace oncall
