// Names of tracker job kinds as stored.
#include "bot/core/ticket.hpp"

namespace oncall {

std::string to_string(tracker_job_kind k) {
  switch (k) {
    case tracker_job_kind::incident_ticket: return "incident_ticket";
    case tracker_job_kind::followup_ticket: return "followup_ticket";
    case tracker_job_kind::followup_done: return "followup_done";
  }
  return "incident_ticket";
}

std::optional<tracker_job_kind> tracker_job_kind_from_string(const std::string& s) {
  for (auto k : {tracker_job_kind::incident_ticket, tracker_job_kind::followup_ticket,
                 tracker_job_kind::followup_done}) {
    if (to_string(k) == s) return k;
  }
  return std::nullopt;
}

}  // namespace oncall
