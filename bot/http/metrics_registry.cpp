#include "bot/http/metrics_registry.hpp"

#include <algorithm>
#include <sstream>

namespace oncall {

void labeled_counter::add(const std::string& label, std::uint64_t n) {
  std::lock_guard lock(mutex_);
  counts_[label] += n;
}

std::uint64_t labeled_counter::value(const std::string& label) const {
  std::lock_guard lock(mutex_);
  auto it = counts_.find(label);
  return it == counts_.end() ? 0 : it->second;
}

std::map<std::string, std::uint64_t> labeled_counter::snapshot() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

metric_histogram::metric_histogram(std::vector<double> upper_bounds)
    : bounds_(std::move(upper_bounds)), buckets_(bounds_.size() + 1, 0) {}

void metric_histogram::observe(double seconds) {
  // Prometheus buckets are "less than or equal": the first bound not below the value.
  const auto index = std::lower_bound(bounds_.begin(), bounds_.end(), seconds) - bounds_.begin();
  std::lock_guard lock(mutex_);
  ++buckets_[static_cast<std::size_t>(index)];
  sum_ += seconds;
  ++count_;
}

metric_histogram::snapshot_t metric_histogram::snapshot() const {
  std::lock_guard lock(mutex_);
  snapshot_t s;
  s.bounds = bounds_;
  std::uint64_t running = 0;
  for (auto n : buckets_) s.cumulative.push_back(running += n);
  s.sum = sum_;
  s.count = count_;
  return s;
}

namespace {

// Commits take milliseconds; acks and escalation lateness take seconds to hours.
std::vector<double> commit_buckets() { return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1}; }
std::vector<double> lateness_buckets() { return {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300}; }
std::vector<double> ack_buckets() { return {10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400}; }

void header(std::ostream& out, const char* name, const char* type, const char* help) {
  out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
}

std::string number(double v) {
  std::ostringstream s;
  s.precision(17);
  s << v;
  return s.str();
}

void counter(std::ostream& out, const char* name, const char* help, const metric_counter& c) {
  header(out, name, "counter", help);
  out << name << ' ' << c.value() << '\n';
}

// `always` lists label values shown at 0 before anything counted, so dashboards see the series.
void counter(std::ostream& out, const char* name, const char* help, const char* label,
             const labeled_counter& c, std::initializer_list<const char*> always = {}) {
  header(out, name, "counter", help);
  auto counts = c.snapshot();
  for (const char* value : always) counts.try_emplace(value, 0);
  for (const auto& [value, n] : counts) {
    out << name << '{' << label << "=\"" << escape_label_value(value) << "\"} " << n << '\n';
  }
}

void histogram(std::ostream& out, const std::string& name, const char* help, const metric_histogram& h) {
  header(out, name.c_str(), "histogram", help);
  const auto s = h.snapshot();
  for (std::size_t i = 0; i < s.bounds.size(); ++i) {
    out << name << "_bucket{le=\"" << number(s.bounds[i]) << "\"} " << s.cumulative[i] << '\n';
  }
  out << name << "_bucket{le=\"+Inf\"} " << s.count << '\n';
  out << name << "_sum " << number(s.sum) << '\n';
  out << name << "_count " << s.count << '\n';
}

}  // namespace

bot_metrics::bot_metrics()
    : escalation_lateness(lateness_buckets()), time_to_ack(ack_buckets()), storage_commit(commit_buckets()) {}

std::string escape_label_value(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

void render_bot_metrics(std::ostream& out, const bot_metrics& m, const std::string& version) {
  counter(out, "oncallbot_alerts_received_total", "Alerts received, by source (alerts, not requests).",
          "source", m.alerts_received, {"alertmanager", "generic", "grafana", "pagerduty"});
  counter(out, "oncallbot_pages_total",
          "People and notifiers reached: one per person or notifier of each escalation level paged.",
          m.pages);
  counter(out, "oncallbot_escalations_total", "Escalations to the next level, by timer or by hand.",
          m.escalations);
  histogram(out, "oncallbot_escalation_lateness_seconds",
            "Timer escalations: fire time minus due time.", m.escalation_lateness);
  histogram(out, "oncallbot_time_to_ack_seconds", "Acknowledgements: ack time minus open time.",
            m.time_to_ack);
  counter(out, "oncallbot_chat_api_calls_total",
          "Chat API calls, by Slack Web API method or Mattermost route template.", "method",
          m.chat_api_calls);
  counter(out, "oncallbot_chat_rate_limited_total", "Chat API calls answered 429 (rate limited).",
          m.chat_rate_limited);
  counter(out, "oncallbot_websocket_reconnects_total",
          "Chat websocket connections opened after the first.", m.websocket_reconnects);
  counter(out, "oncallbot_runbook_runs_total", "Runbook runs finished, by outcome.", "outcome",
          m.runbook_runs, {"succeeded", "failed", "error"});
  histogram(out, "oncallbot_storage_commit_seconds", "Storage transactions of the engine, commit included.",
            m.storage_commit);
  header(out, "oncallbot_build_info", "gauge", "Always 1; the version label says which build runs.");
  out << "oncallbot_build_info{version=\"" << escape_label_value(version) << "\"} 1\n";
}

}  // namespace oncall
