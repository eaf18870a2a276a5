// Alertmanager webhook (version "4") → alert_batch. Field names and shapes follow the real
// 0.25 captures in tests/fixtures/alertmanager (see its README for what they show).
#include "bot/ingest/alertmanager.hpp"

#include <array>
#include <utility>

#include "bot/core/severity.hpp"
#include "bot/ingest/json_body.hpp"
#include "bot/ingest/json_fields.hpp"

namespace oncall {

namespace {

using ingest::json;

// Go's zero time.Time, 0001-01-01T00:00:00Z: Alertmanager's endsAt while an alert fires.
constexpr std::string_view go_zero_time_text = "0001-01-01T00:00:00Z";
constexpr std::int64_t go_zero_time_ms = -62'135'596'800'000;

// Annotations that carry links, by the label oncallbot shows them under. Several spellings of
// a dashboard link are in common use in alerting rules.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> link_annotations{{
    {"runbook_url", "runbook"},
    {"dashboard", "dashboard"},
    {"dashboard_url", "dashboard"},
    {"grafana_url", "dashboard"},
}};

// Links are only what people can open safely: annotations are free text, so a value that is not
// an http(s) URL is left out rather than failing the whole notification.
std::vector<link> alert_links(const label_map& annotations, std::string_view generator_url) {
  std::vector<link> links;
  auto add = [&](std::string_view label, std::string_view url) {
    if (!ingest::is_http_url(url)) return;
    for (const auto& existing : links) {
      if (existing.url == url) return;
    }
    links.push_back(link{std::string(label), std::string(url)});
  };
  for (auto [annotation, label] : link_annotations) {
    if (auto it = annotations.find(std::string(annotation)); it != annotations.end()) {
      add(label, it->second);
    }
  }
  add("source", generator_url);
  return links;
}

// The summary annotation is written for people; the alert name is the fallback every
// Prometheus alert has.
std::string alert_title(const alert& a) {
  if (auto it = a.annotations.find("summary"); it != a.annotations.end()) {
    auto title = ingest::one_line_title(it->second);
    if (!title.empty()) return title;
  }
  if (auto it = a.labels.find("alertname"); it != a.labels.end()) {
    auto title = ingest::one_line_title(it->second);
    if (!title.empty()) return title;
  }
  return "alert " + a.fingerprint;
}

result<std::optional<time_point>> ends_at(const json& item, const std::string& path) {
  const json* value = ingest::find_member(item, "endsAt");
  if (!value || (value->is_string() && value->get_ref<const std::string&>() == go_zero_time_text)) {
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
  auto generator_url = ingest::optional_string(item, "generatorURL", path);
  if (!generator_url) return generator_url.err();

  a.title = alert_title(a);
  auto severity = a.labels.find("severity");
  a.severity = severity == a.labels.end()
                   ? default_severity
                   : parse_severity(severity->second).value_or(default_severity);
  a.links = alert_links(a.annotations, generator_url->value_or(""));
  return a;
}

// The incident title, chosen for the responder who reads it first:
// 1. commonAnnotations.summary: every alert shares it, so it describes the group exactly;
// 2. for a single alert, that alert's title ("DiskFull on db-1:9100");
// 3. the common alertname for a group of one kind ("DiskFull"); how many alerts fire is for
//    the incident card to show, not the title;
// 4. a group of different alerts: the first one's title and how many more
//    ("HighCPU on web-1:9100 (+3 more)").
std::string batch_title(const label_map& common_annotations, const label_map& group_labels,
                        const alert_batch& batch) {
  if (auto it = common_annotations.find("summary"); it != common_annotations.end()) {
    auto title = ingest::one_line_title(it->second);
    if (!title.empty()) return title;
  }
  auto total = batch.alerts.size() + static_cast<std::size_t>(batch.truncated_alerts);
  if (total == 1) return batch.alerts.front().title;
  if (auto it = group_labels.find("alertname"); it != group_labels.end()) {
    auto title = ingest::one_line_title(it->second);
    if (!title.empty()) return title;
  }
  return batch.alerts.front().title + " (+" + std::to_string(total - 1) + " more)";
}

status check_version(const json& root) {
  const json* version = ingest::find_member(root, "version");
  if (!version) return ingest::field_error("version", "is missing (Alertmanager sends \"4\")");
  if (!version->is_string() || version->get_ref<const std::string&>() != "4") {
    return ingest::field_error(
        "version", "must be \"4\" (Alertmanager webhook payload version 4), not " + ingest::shown_value(*version));
  }
  return ok_status();
}

}  // namespace

result<alert_batch> parse_alertmanager(std::string_view body) {
  alert_batch batch;
  batch.source = "alertmanager";
  // Alerts are converted while the body is read (json_body.hpp); the first bad one is kept and
  // reported after the notification-level checks, so that a wrong version is named first.
  std::optional<error> alert_error;
  auto root = ingest::parse_json_object_streaming(
      body, "alerts", [&](std::size_t index, json& item) {
        if (alert_error) return;
        auto parsed = parse_alert(item, ingest::index_path("alerts", index));
        if (!parsed) {
          alert_error = parsed.err();
          return;
        }
        batch.alerts.push_back(std::move(*parsed));
      });
  if (!root) return root.err();
  if (auto version = check_version(*root); !version) return version.err();

  auto group_key = ingest::required_string(*root, "groupKey");
  if (!group_key) return group_key.err();
  batch.group_key = std::move(*group_key);
  if (ingest::find_member(*root, "status")) {
    // Not kept (each alert carries its own), but a value other than these is not Alertmanager.
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
  // groupLabels are normally a subset of commonLabels; merging keeps routing working when a
  // sender fills only one of them.
  batch.group_labels = std::move(*common_labels);
  for (auto& [name, value] : *group_labels) batch.group_labels.insert_or_assign(name, value);

  if (auto alerts = ingest::required_array(*root, "alerts"); !alerts) return alerts.err();
  if (alert_error) return *alert_error;
  if (batch.alerts.empty()) return ingest::field_error("alerts", "is empty");
  batch.title = batch_title(*common_annotations, batch.group_labels, batch);
  return batch;
}

}  // namespace oncall
