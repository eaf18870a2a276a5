// The postmortem draft as data: everything the store holds about one incident, gathered once
// and put in the order a reader needs (key events first, then the full log), with the moments
// that matter (start, detect, ack, mitigate, resolve) worked out. JSON and Markdown are both
// rendered from this one model, so they never disagree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/alert.hpp"
#include "bot/core/deploy.hpp"
#include "bot/core/followup.hpp"
#include "bot/core/incident.hpp"
#include "bot/core/result.hpp"
#include "bot/core/rota.hpp"
#include "bot/core/runbook_run.hpp"
#include "bot/core/timeline.hpp"
#include "config/config.hpp"

namespace oncall {

class store;

// Someone who took part, with what they did: lead, acked, paged, spoke, ran-runbook, …
struct postmortem_responder {
  std::string name;
  std::vector<std::string> roles;
  bool operator==(const postmortem_responder&) const = default;
};

struct postmortem_times {
  time_point started;   // the earliest alert's start (the monitoring system's view), else detected
  time_point detected;  // when the bot opened the incident
  std::optional<time_point> acknowledged;
  std::optional<time_point> mitigated;  // first status update that says "mitigated", else resolved
  std::optional<time_point> resolved;
  bool operator==(const postmortem_times&) const = default;
};

struct postmortem {
  incident inc;
  std::string timezone;  // IANA name the local times are shown in
  time_point generated_at;
  postmortem_times times;
  std::vector<alert> alerts;
  std::vector<timeline_entry> timeline;  // the full log, oldest first
  std::vector<postmortem_responder> responders;
  std::vector<notification> notifications;
  std::vector<runbook_run> runbook_runs;
  std::vector<followup> followups;
  std::vector<deploy> deploys;  // of the incident's service, in the two hours before detection
};

// The questions a draft leaves for its writer.
inline constexpr const char* prompt_impact =
    "Who was affected, how, and for how long? Include numbers: failed requests, users, money.";
inline constexpr const char* prompt_went_well = "What went well?";
inline constexpr const char* prompt_went_badly = "What went badly?";
inline constexpr const char* prompt_lucky = "Where did we get lucky?";

// How far back deploys count as suspects for an incident.
inline constexpr duration deploy_window = std::chrono::hours(2);

// The team's zone for postmortems: postmortems.timezone, else the first schedule's, else UTC.
std::string postmortem_timezone(const config& cfg);

// Reads everything about incident `incident_id`; an error for a responder when there is none.
// Configured secrets are replaced by "[redacted]" in every text taken from the store.
result<postmortem> build_postmortem(store& st, const config& cfg, std::int64_t incident_id,
                                    time_point now);

// The same from data already read (tests, the benchmark): orders, derives and redacts.
postmortem assemble_postmortem(postmortem draft, const config& cfg);

}  // namespace oncall
