// Gathers the postmortem model from the store and derives what no table holds directly: the
// moments of the incident, the responders and their roles, and redacted texts.
#include "bot/report/postmortem_model.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>

#include "bot/log_sink.hpp"
#include "bot/logging.hpp"
#include "bot/store/store.hpp"

namespace oncall {

namespace {

bool is_bot_or_source(const std::string& name, const incident& inc) {
  return name.empty() || name == "oncallbot" || name == inc.source;
}

bool mentions_mitigated(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.find("mitigat") != std::string::npos;
}

postmortem_times derive_times(const postmortem& d) {
  postmortem_times t;
  t.detected = d.inc.opened_at;
  t.started = d.inc.opened_at;
  for (const auto& a : d.alerts) {
    if (a.starts_at && *a.starts_at < t.started) t.started = *a.starts_at;
  }
  t.acknowledged = d.inc.acked_at;
  t.resolved = d.inc.resolved_at;
  // Responders say when the bleeding stopped in a status update ("mitigated: traffic drained");
  // without one, the fix and the mitigation are the same moment.
  for (const auto& e : d.timeline) {
    if (e.kind == "status" && mentions_mitigated(e.text)) {
      t.mitigated = e.at;
      break;
    }
  }
  if (!t.mitigated) t.mitigated = t.resolved;
  return t;
}

// People in the order they first took part, each with the roles they had.
class responder_list {
 public:
  void add(const std::string& name, const std::string& role) {
    auto [it, fresh] = index_.try_emplace(name, list_.size());
    if (fresh) list_.push_back({name, {}});
    auto& roles = list_[it->second].roles;
    if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
  }
  std::vector<postmortem_responder> take() { return std::move(list_); }

 private:
  std::map<std::string, std::size_t> index_;
  std::vector<postmortem_responder> list_;
};

std::vector<postmortem_responder> derive_responders(const postmortem& d) {
  responder_list people;
  if (!d.inc.lead.empty()) people.add(d.inc.lead, "lead");
  if (!is_bot_or_source(d.inc.acked_by, d.inc)) people.add(d.inc.acked_by, "acknowledged");
  for (const auto& n : d.notifications) {
    if (!n.person.empty()) people.add(n.person, "paged");
  }
  for (const auto& e : d.timeline) {
    if (is_bot_or_source(e.author, d.inc)) continue;
    if (e.kind == "message") people.add(e.author, "spoke");
    if (e.kind == "status") people.add(e.author, "posted status");
    if (e.kind == "escalate") people.add(e.author, "escalated");
    if (e.kind == "resolve") people.add(e.author, "resolved");
  }
  if (!is_bot_or_source(d.inc.resolved_by, d.inc)) people.add(d.inc.resolved_by, "resolved");
  for (const auto& r : d.runbook_runs) {
    if (r.started_at) people.add(r.requested_by, "ran runbooks");
  }
  for (const auto& f : d.followups) {
    if (!f.owner.empty()) people.add(f.owner, "owns follow-ups");
  }
  return people.take();
}

// Every configured secret hidden in every text a responder or tool could have pasted it into.
class redactor {
 public:
  explicit redactor(const config& cfg) : sink_(false) { sink_.set_secrets(config_secrets(cfg)); }
  void operator()(std::string& s) const { s = sink_.redact(std::move(s)); }

 private:
  redacting_sink sink_;
};

void redact_all(postmortem& d, const redactor& r) {
  r(d.inc.title);
  r(d.inc.cause_text);
  for (auto& [k, v] : d.inc.labels) r(v);
  for (auto& l : d.inc.links) r(l.url);
  for (auto& a : d.alerts) {
    r(a.title);
    for (auto& [k, v] : a.labels) r(v);
    for (auto& [k, v] : a.annotations) r(v);
    for (auto& l : a.links) r(l.url);
  }
  for (auto& e : d.timeline) r(e.text);
  for (auto& run : d.runbook_runs) {
    for (auto& arg : run.argv) r(arg);
    for (auto& [k, v] : run.params) r(v);
    r(run.error);
    run.output.clear();  // not exported: logs hold what a postmortem reader never needs
  }
  for (auto& f : d.followups) r(f.text);
  for (auto& dep : d.deploys) {
    r(dep.url);
    r(dep.version);
  }
}

}  // namespace

std::string postmortem_timezone(const config& cfg) {
  if (!cfg.postmortems.timezone.empty()) return cfg.postmortems.timezone;
  if (!cfg.schedules.empty() && !cfg.schedules.front().timezone.empty()) {
    return cfg.schedules.front().timezone;
  }
  return "UTC";
}

postmortem assemble_postmortem(postmortem d, const config& cfg) {
  d.timezone = postmortem_timezone(cfg);
  std::stable_sort(d.timeline.begin(), d.timeline.end(),
                   [](const timeline_entry& a, const timeline_entry& b) { return a.at < b.at; });
  redact_all(d, redactor(cfg));
  d.times = derive_times(d);
  d.responders = derive_responders(d);
  return d;
}

result<postmortem> build_postmortem(store& st, const config& cfg, std::int64_t incident_id,
                                    time_point now) {
  auto inc = st.find_incident(incident_id);
  if (!inc) {
    return error{"there is no incident #" + std::to_string(incident_id) +
                     "; /oncall incidents lists the open ones",
                 "incident"};
  }
  postmortem d;
  d.inc = std::move(*inc);
  d.generated_at = now;
  d.alerts = st.incident_alerts(incident_id);
  d.timeline = st.timeline(incident_id);
  d.notifications = st.notifications(incident_id);
  d.runbook_runs = st.runbook_runs(incident_id);
  d.followups = st.followups(incident_id);
  // Detection is the incident's opening: deploys after it are the fix, not a suspect. One
  // received in the same millisecond as the alert that opened it still counts as before it.
  if (auto service = incident_service(d.inc, d.alerts); !service.empty()) {
    const auto detected = d.inc.opened_at;
    d.deploys = st.deploys_between(service, detected - deploy_window, detected + std::chrono::milliseconds(1));
  }
  return assemble_postmortem(std::move(d), cfg);
}

}  // namespace oncall
