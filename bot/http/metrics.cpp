#include "bot/http/metrics.hpp"

#include <sstream>

namespace oncall {

void request_counters::count(const std::string& path, int status) {
  std::lock_guard lock(mutex_);
  ++counts_[{known_.count(path) ? path : "other", status}];
}

std::map<std::pair<std::string, int>, std::uint64_t> request_counters::snapshot() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

namespace {

void gauge(std::ostringstream& out, const char* name, const char* help, std::int64_t value) {
  out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << " gauge\n"
      << name << ' ' << value << '\n';
}

}  // namespace

std::string render_metrics(const engine_gauges& gauges, bool chat_connected,
                           const std::map<std::pair<std::string, int>, std::uint64_t>& requests,
                           const bot_metrics* bot) {
  std::ostringstream out;
  out << "# HELP oncallbot_incidents Incidents by state (resolved: all the store holds).\n"
         "# TYPE oncallbot_incidents gauge\n"
      << "oncallbot_incidents{state=\"triggered\"} " << gauges.open_incidents - gauges.acknowledged_incidents
      << "\noncallbot_incidents{state=\"acknowledged\"} " << gauges.acknowledged_incidents
      << "\noncallbot_incidents{state=\"resolved\"} " << gauges.resolved_incidents << '\n';
  // The two gauges before oncallbot_incidents{state}, kept so existing dashboards work.
  gauge(out, "oncallbot_incidents_open", "Incidents not resolved yet.", gauges.open_incidents);
  gauge(out, "oncallbot_incidents_acknowledged", "Open incidents someone acknowledged.",
        gauges.acknowledged_incidents);
  gauge(out, "oncallbot_effects_pending",
        "Chat posts, DMs and notifier calls committed but not carried out yet.", gauges.pending_effects);
  gauge(out, "oncallbot_chat_connected", "1 when the chat platform's socket is connected.",
        chat_connected ? 1 : 0);
  if (gauges.last_backup_unix) {
    gauge(out, "oncallbot_backup_last_success_timestamp_seconds",
          "Unix time of the last scheduled backup that succeeded; 0 before the first.", *gauges.last_backup_unix);
  }
  out << "# HELP oncallbot_http_requests_total HTTP requests answered, by endpoint and status.\n"
         "# TYPE oncallbot_http_requests_total counter\n";
  for (const auto& [key, n] : requests) {
    out << "oncallbot_http_requests_total{path=\"" << key.first << "\",status=\"" << key.second
        << "\"} " << n << '\n';
  }
  if (bot) render_bot_metrics(out, *bot, ONCALLBOT_VERSION);
  return out.str();
}

}  // namespace oncall
