// An alert as oncallbot sees it, whatever sent it: the parsers in bot/ingest turn each source's
// payload into an alert_batch, and the engine groups batches into incidents.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/time.hpp"

namespace oncall {

enum class alert_status { firing, resolved };

struct link {
  std::string label;  // "runbook", "dashboard", "source", …
  std::string url;
  bool operator==(const link&) const = default;
};

using label_map = std::map<std::string, std::string>;

struct alert {
  std::string fingerprint;  // identity of this alert within its source (dedup key)
  alert_status status = alert_status::firing;
  std::string title;        // one line: summary annotation, alertname, or the source's title
  int severity = 3;         // 1 (worst) … 4; see severity.hpp
  label_map labels;
  label_map annotations;
  std::vector<link> links;
  std::optional<time_point> starts_at;
  std::optional<time_point> ends_at;
  bool operator==(const alert&) const = default;
};

// One delivery from one source. Every alert in a batch belongs to the same incident key: an
// Alertmanager notification is one group, a PagerDuty event or generic webhook one alert.
struct alert_batch {
  std::string source;      // "alertmanager", "generic", "pagerduty", "grafana"
  std::string group_key;   // incident key within the source (groupKey, dedup_key, …)
  std::string title;       // title for a new incident
  label_map group_labels;  // labels routes match on
  std::vector<alert> alerts;
  int truncated_alerts = 0;  // alerts the sender left out (Alertmanager max_alerts)
  bool operator==(const alert_batch&) const = default;
};

}  // namespace oncall
