// Grafana unified alerting webhook (version "1") → alert_batch. Field names and shapes follow
// the example in Grafana's documentation (docs/sources/alerting/.../webhook-notifier.md).
#include "bot/ingest/grafana.hpp"

#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "bot/core/severity.hpp"
#include "bot/ingest/json_body.hpp"
#include "bot/ingest/json_fields.hpp"

namespace oncall {

namespace {

using ingest::json;

// Go's zero time.Time: Grafana's endsAt while an alert fires, as in Alertmanager.
constexpr std::string_view go_zero_time_text = "0001-01-01T00:00:00Z";
constexpr std::int64_t go_zero_time_ms = -62'135'596'800'000;

// Link fields of an alert, by the label oncallbot shows them under. Grafana sends "" for
// dashboardURL and panelURL when the rule is not tied to a panel.
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> link_fields{{
    {"dashboardURL", "dashboard"},
    {"panelURL", "panel"},
    {"generatorURL", "source"},
}};

void add_link(std::vector<link>& links, std::string_view label, std::string_view url) {
  if (!ingest::is_http_url(url)) return;
  for (const auto& existing : links) {
    if (existing.url == url) return;
  }
  links.push_back(link{std::string(label), std::string(url)});
}

std::string alert_title(const alert& a) {
  for (auto [map, key] : {std::pair{&a.annotations, "summary"}, std::pair{&a.labels, "alertname"}}) {
    if (auto it = map->find(key); it != map->end()) {
      auto title = ingest::one_line_title(it->second);
      if (!title.empty()) return title;
    }
  }
  return "alert " + a.fingerprint;
}

result<std::optional<time_point>> ends_at(const json& item, const std::string& path) {
  const json* value = ingest::find_member(item, "endsAt");
  if (!value || (value->is_string() && (value->get_ref<const std::string&>().empty() ||
                                        value->get_ref<const std::string&>() == go_zero_time_text))) {
    return std::optional<time_point>{};
  }
  auto instant = ingest::required_time(item, "endsAt", path);
  if (!instant) return instant.err();
  if (to_millis(*instant) == go_zero_time_ms) return std::optional<time_point>{};
  return std::optional<time_point>{*instant};
}

result<alert> parse_alert(const json& item, const std::string& path) {
  if (!item.is_object()) {
    return ingest::field_error(path, "must be an object, not " +
                                         std::string(ingest::json_type_name(item)));
  }
  alert a;
  auto fingerprint = ingest::required_string(item, "fingerprint", path);
  if (!fingerprint) return fingerprint.err();
  a.fingerprint = std::move(*fingerprint);
  auto status = ingest::required_status(item, "status", path);
  if (!status) return status.err();
  a.status = *status;
  auto labels = ingest::optional_string_map(item, "labels", path);
  if (!labels) return labels.err();
  a.labels = std::move(*labels);
  auto annotations = ingest::optional_string_map(item, "annotations", path);
  if (!annotations) return annotations.err();
  a.annotations = std::move(*annotations);
  auto starts = ingest::required_time(item, "startsAt", path);
  if (!starts) return starts.err();
  a.starts_at = *starts;
  auto ends = ends_at(item, path);
  if (!ends) return ends.err();
  a.ends_at = *ends;

  if (auto it = a.annotations.find("runbook_url"); it != a.annotations.end()) {
    add_link(a.links, "runbook", it->second);
  }
  for (auto [key, label] : link_fields) {
    auto url = ingest::optional_string(item, key, path);
    if (!url) return url.err();
    if (*url) add_link(a.links, label, **url);
  }
  a.title = alert_title(a);
  auto severity = a.labels.find("severity");
  a.severity = severity == a.labels.end()
                   ? default_severity
                   : parse_severity(severity->second).value_or(default_severity);
  return a;
}

// commonAnnotations.summary describes the whole group; Grafana's own title
// ("[FIRING:2]  (blue)") comes next; then the common alertname, then the first alert's title.
result<std::string> batch_title(const json& root, const label_map& common_annotations,
                                const alert_batch& batch) {
  if (auto it = common_annotations.find("summary"); it != common_annotations.end()) {
    auto title = ingest::one_line_title(it->second);
    if (!title.empty()) return title;
  }
  auto title = ingest::optional_string(root, "title");
  if (!title) return title.err();
  if (*title) {
    auto line = ingest::one_line_title(**title);
    if (!line.empty()) return line;
  }
  if (auto it = batch.group_labels.find("alertname"); it != batch.group_labels.end()) {
    auto line = ingest::one_line_title(it->second);
    if (!line.empty()) return line;
  }
  return batch.alerts.front().title;
}

status check_version(const json& root) {
  const json* version = ingest::find_member(root, "version");
  if (!version) return ingest::field_error("version", "is missing (Grafana sends \"1\")");
  if (!version->is_string() || version->get_ref<const std::string&>() != "1") {
    return ingest::field_error(
        "version",
        "must be \"1\" (Grafana alerting webhook version 1), not " + ingest::shown_value(*version));
  }
  return ok_status();
}

}  // namespace

result<alert_batch> parse_grafana(std::string_view body) {
  auto root = ingest::parse_json_object(body);
  if (!root) return root.err();
  if (auto version = check_version(*root); !version) return version.err();

  alert_batch batch;
  batch.source = "grafana";
  auto group_key = ingest::required_string(*root, "groupKey");
  if (!group_key) return group_key.err();
  batch.group_key = std::move(*group_key);
  if (ingest::find_member(*root, "status")) {
    if (auto group_status = ingest::required_status(*root, "status"); !group_status) {
      return group_status.err();
    }
  }
  auto truncated = ingest::optional_integer(*root, "truncatedAlerts", 0, 1'000'000'000);
  if (!truncated) return truncated.err();
  batch.truncated_alerts = static_cast<int>(truncated->value_or(0));

  auto common_labels = ingest::optional_string_map(*root, "commonLabels");
  if (!common_labels) return common_labels.err();
  auto group_labels = ingest::optional_string_map(*root, "groupLabels");
  if (!group_labels) return group_labels.err();
  auto common_annotations = ingest::optional_string_map(*root, "commonAnnotations");
  if (!common_annotations) return common_annotations.err();
  batch.group_labels = std::move(*common_labels);
  for (auto& [name, value] : *group_labels) batch.group_labels.insert_or_assign(name, value);

  auto alerts = ingest::required_array(*root, "alerts");
  if (!alerts) return alerts.err();
  for (std::size_t i = 0; i < (*alerts)->size(); ++i) {
    auto parsed = parse_alert((**alerts)[i], ingest::index_path("alerts", i));
    if (!parsed) return parsed.err();
    batch.alerts.push_back(std::move(*parsed));
  }
  if (batch.alerts.empty()) return ingest::field_error("alerts", "is empty");
  auto title = batch_title(*root, *common_annotations, batch);
  if (!title) return title.err();
  batch.title = std::move(*title);
  return batch;
}

}  // namespace oncall
