#include "bot/report/postmortem_json.hpp"

#include "bot/core/severity.hpp"
#include "bot/report/zoned_format.hpp"

namespace oncall {

namespace {

using json = nlohmann::json;

class json_writer {
 public:
  explicit json_writer(const std::string& zone) : times_(zone) {}

  json at(time_point t) {
    auto z = times_.format(t);
    return {{"utc", std::move(z.utc_iso)}, {"local", std::move(z.local_iso)}};
  }
  json at(const std::optional<time_point>& t) { return t ? at(*t) : json(nullptr); }

  json entry(const timeline_entry& e) {
    return {{"id", e.id},         {"at", at(e.at)},     {"kind", e.kind},
            {"author", e.author}, {"text", e.text},     {"key_event", e.key_event}};
  }

 private:
  zoned_formatter times_;
};

json links_json(const std::vector<link>& links) {
  json out = json::array();
  for (const auto& l : links) out.push_back({{"label", l.label}, {"url", l.url}});
  return out;
}

json seconds_or_null(const std::optional<duration>& d) {
  return d ? json(std::chrono::duration_cast<std::chrono::seconds>(*d).count()) : json(nullptr);
}

json incident_json(const incident& inc) {
  return {{"id", inc.id},
          {"title", inc.title},
          {"severity", inc.severity},
          {"severity_label", severity_label(inc.severity)},
          {"state", to_string(inc.state)},
          {"source", inc.source},
          {"policy", inc.policy},
          {"labels", inc.labels},
          {"links", links_json(inc.links)},
          {"lead", inc.lead},
          {"acknowledged_by", inc.acked_by},
          {"resolved_by", inc.resolved_by},
          {"alert_count", inc.alert_count}};
}

json times_json(const postmortem_times& t, json_writer& w) {
  return {{"started", w.at(t.started)},
          {"detected", w.at(t.detected)},
          {"acknowledged", w.at(t.acknowledged)},
          {"mitigated", w.at(t.mitigated)},
          {"resolved", w.at(t.resolved)},
          {"time_to_ack_seconds", seconds_or_null(time_to_ack(t))},
          {"time_to_resolve_seconds", seconds_or_null(time_to_resolve(t))}};
}

json alert_json(const alert& a, json_writer& w) {
  return {{"title", a.title},
          {"severity", a.severity},
          {"status", a.status == alert_status::firing ? "firing" : "resolved"},
          {"labels", a.labels},
          {"links", links_json(a.links)},
          {"starts_at", w.at(a.starts_at)}};
}

json run_json(const runbook_run& r, json_writer& w) {
  json params = json::object();
  for (const auto& [k, v] : r.params) params[k] = v;
  return {{"id", r.id},
          {"runbook", r.runbook},
          {"requested_by", r.requested_by},
          {"state", r.state},
          {"params", params},
          {"exit_code", r.exit_code ? json(*r.exit_code) : json(nullptr)},
          {"signal", r.signal ? json(*r.signal) : json(nullptr)},
          {"timed_out", r.timed_out},
          {"requested_at", w.at(r.requested_at)},
          {"started_at", w.at(r.started_at)},
          {"ended_at", w.at(r.ended_at)},
          {"error", r.error}};
}

}  // namespace

std::optional<duration> time_to_ack(const postmortem_times& t) {
  if (!t.acknowledged) return std::nullopt;
  return *t.acknowledged - t.detected;
}

std::optional<duration> time_to_resolve(const postmortem_times& t) {
  if (!t.resolved) return std::nullopt;
  return *t.resolved - t.detected;
}

namespace {

constexpr const char* timeline_placeholder = "__oncallbot_timeline__";

json document(const postmortem& d, bool with_timeline);

}  // namespace

json postmortem_to_json(const postmortem& d) { return document(d, true); }

namespace {

json document(const postmortem& d, bool with_timeline) {
  json_writer w(d.timezone);
  json out = {{"schema_version", postmortem_schema_version},
              {"generated_at", w.at(d.generated_at)},
              {"timezone", d.timezone},
              {"incident", incident_json(d.inc)},
              {"times", times_json(d.times, w)}};
  json& responders = out["responders"] = json::array();
  for (const auto& r : d.responders) responders.push_back({{"name", r.name}, {"roles", r.roles}});
  json& paged = out["paged"] = json::array();
  for (const auto& n : d.notifications) {
    paged.push_back({{"person", n.person},
                     {"target", n.target},
                     {"level", n.level + 1},
                     {"reason", n.reason},
                     {"at", w.at(n.at)}});
  }
  json& alerts = out["alerts"] = json::array();
  for (const auto& a : d.alerts) alerts.push_back(alert_json(a, w));
  json& key_events = out["key_events"] = json::array();
  json& timeline = out["timeline"] = json::array();
  for (const auto& e : d.timeline) {
    if (e.key_event) key_events.push_back(w.entry(e));
    if (with_timeline) timeline.push_back(w.entry(e));
  }
  if (!with_timeline) timeline = timeline_placeholder;
  json& runs = out["runbook_runs"] = json::array();
  for (const auto& r : d.runbook_runs) runs.push_back(run_json(r, w));
  out["root_cause"] = {{"category", to_string(d.inc.cause)}, {"text", d.inc.cause_text}};
  json& deploys = out["deploys"] = json::array();
  for (const auto& dep : d.deploys) {
    deploys.push_back({{"id", dep.id},
                       {"service", dep.service},
                       {"version", dep.version},
                       {"commit", dep.commit},
                       {"author", dep.author},
                       {"url", dep.url},
                       {"at", w.at(dep.at)}});
  }
  json& followups = out["followups"] = json::array();
  for (const auto& f : d.followups) {
    followups.push_back({{"id", f.display_id()},
                         {"text", f.text},
                         {"owner", f.owner},
                         {"created_by", f.created_by},
                         {"done", f.done()}});
  }
  out["prompts"] = {{"impact", prompt_impact},
                    {"went_well", prompt_went_well},
                    {"went_badly", prompt_went_badly},
                    {"lucky", prompt_lucky}};
  return out;
}

}  // namespace

// The timeline is by far the largest part: it is written one entry at a time into the place
// the rest of the document leaves for it, so 50,000 entries never exist as one JSON tree.
std::string render_postmortem_json(const postmortem& d) {
  std::string text = document(d, false).dump(2, ' ', false, json::error_handler_t::replace);
  const std::string slot = std::string("\"timeline\": \"") + timeline_placeholder + "\"";
  const auto at = text.find(slot);
  std::string entries;
  json_writer w(d.timezone);
  for (const auto& e : d.timeline) {
    std::string one = w.entry(e).dump(2, ' ', false, json::error_handler_t::replace);
    std::string indented;
    indented.reserve(one.size() + 64);
    for (char c : one) {
      indented += c;
      if (c == '\n') indented += "    ";
    }
    entries += (entries.empty() ? "\n    " : ",\n    ") + indented;
  }
  std::string array = entries.empty() ? "[]" : "[" + entries + "\n  ]";
  std::string out;
  out.reserve(text.size() + array.size() + 1);
  out.append(text, 0, at).append("\"timeline\": ").append(array).append(text, at + slot.size());
  out += "\n";
  return out;
}

}  // namespace oncall
