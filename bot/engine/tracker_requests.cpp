// Tracker work asked for by the incident engine: an incident's ticket at resolve (or with
// /oncall ticket), a ticket per follow-up, and closing it when the follow-up is closed in
// chat. Each is a durable job stored in the commit of the change that asked for it, so no state
// change ever waits for the tracker, and a restart resumes what was not done.
#include "bot/engine/incident_engine.hpp"

namespace oncall {

bool incident_engine::queue_tracker_job(tracker_job_kind kind, std::int64_t incident_id,
                                        std::int64_t followup_id) {
  // A tracker whose token is empty (${JIRA_TOKEN:-} unset) is configured but switched off.
  if (!cfg_->tracker || cfg_->tracker->token.empty()) return false;
  tracker_job j;
  j.kind = kind;
  j.incident_id = incident_id;
  j.followup_id = followup_id;
  j.created_at = clock_.now();
  bool queued = false;
  commit([&] { queued = store_.enqueue_tracker_job(j); });
  return queued;
}

result<std::string> incident_engine::request_ticket(std::int64_t id, const actor& by) {
  if (!cfg_->tracker) {
    return error{"no tracker is configured; add a tracker: section (docs/jira.md) to file tickets", "tracker"};
  }
  if (cfg_->tracker->token.empty()) {
    return error{"tracker.token is empty, so tickets are off; set the token (e.g. JIRA_TOKEN) and reload", "tracker"};
  }
  auto inc = store_.find_incident(id);
  if (!inc) {
    return error{"there is no incident #" + std::to_string(id) + "; /oncall incidents lists the open ones", "id"};
  }
  int followups = 0;
  commit([&] {
    changed_ = true;
    queue_tracker_job(tracker_job_kind::incident_ticket, id);
    for (const auto& f : store_.followups(id)) {
      if (!store_.find_ticket(id, f.id) && queue_tracker_job(tracker_job_kind::followup_ticket, id, f.id)) {
        ++followups;
      }
    }
    (void)by;
  });
  auto existing = store_.find_ticket(id, 0);
  std::string what = existing ? "Updating " + existing->key + " for " + inc->display_id()
                              : "Filing a ticket for " + inc->display_id();
  if (followups > 0) what += " and " + std::to_string(followups) + " follow-up ticket(s)";
  return what + "; the room hears when it is done.";
}

}  // namespace oncall
