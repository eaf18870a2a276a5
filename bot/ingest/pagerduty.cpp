// PagerDuty Events API v2 event → pagerduty_event. Field names, shapes and limits follow
// PagerDuty's developer docs and OpenAPI schema (trigger / acknowledge / resolve).
#include "bot/ingest/pagerduty.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <utility>
#include <vector>

#include "bot/core/severity.hpp"
#include "bot/ingest/json_body.hpp"
#include "bot/ingest/json_fields.hpp"

namespace oncall {

namespace {

using ingest::json;

std::size_t utf8_chars(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

// 32 lowercase hex digits, like the key PagerDuty makes up for a trigger without one.
std::string generated_dedup_key() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char digits[] = "0123456789abcdef";
  std::string key;
  key.reserve(32);
  for (int half = 0; half < 2; ++half) {
    auto bits = rng();
    for (int i = 0; i < 16; ++i, bits >>= 4) key.push_back(digits[bits & 0xF]);
  }
  return key;
}

result<std::string> routing_key_field(const json& root) {
  auto key = ingest::required_string(root, "routing_key");
  if (!key) return key.err();
  if (key->size() > max_routing_key_bytes) {
    return ingest::field_error("routing_key", "is longer than " +
                                                  std::to_string(max_routing_key_bytes) +
                                                  " bytes");
  }
  return key;
}

result<std::string> action_field(const json& root) {
  const json* value = ingest::find_member(root, "event_action");
  if (!value) {
    return ingest::field_error("event_action",
                               "is missing (one of trigger, acknowledge, resolve)");
  }
  if (value->is_string()) {
    const auto& text = value->get_ref<const std::string&>();
    if (text == "trigger" || text == "acknowledge" || text == "resolve") return text;
  }
  return ingest::field_error("event_action", "must be one of trigger, acknowledge, resolve, not " +
                                                 ingest::shown_value(*value));
}

// Required for acknowledge and resolve; a trigger without one (or with "") gets a new key.
result<std::string> dedup_key_field(const json& root, std::string_view action) {
  auto key = ingest::optional_string(root, "dedup_key");
  if (!key) return key.err();
  if (!*key || (*key)->empty()) {
    if (action == "trigger") return generated_dedup_key();
    return ingest::field_error("dedup_key", std::string("is missing (needed to ") +
                                                std::string(action) +
                                                " the alert it was triggered with)");
  }
  if ((*key)->size() > max_pagerduty_dedup_key_bytes) {
    return ingest::field_error("dedup_key", "is longer than " +
                                                std::to_string(max_pagerduty_dedup_key_bytes) +
                                                " bytes");
  }
  return std::move(**key);
}

// Only PagerDuty's four names; parse_severity also knows "1" and "sev1", which PagerDuty
// rejects.
result<int> severity_field(const json& payload) {
  constexpr std::string_view path = "payload.severity";
  const json* value = ingest::find_member(payload, "severity");
  if (!value) {
    return ingest::field_error(path, "is missing (one of critical, error, warning, info)");
  }
  if (value->is_string()) {
    const auto& text = value->get_ref<const std::string&>();
    if (text == "critical" || text == "error" || text == "warning" || text == "info") {
      if (auto parsed = parse_severity(text)) return *parsed;
    }
  }
  return ingest::field_error(path, "must be one of critical, error, warning, info, not " +
                                       ingest::shown_value(*value));
}

// PagerDuty's own examples write offsets without a colon ("2015-07-17T08:42:58.315+0000");
// parse_iso8601 wants RFC 3339's "+00:00".
std::string with_offset_colon(std::string text) {
  if (text.size() > 5) {
    auto sign = text.size() - 5;
    bool digits = true;
    for (auto i = sign + 1; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9') digits = false;
    }
    if ((text[sign] == '+' || text[sign] == '-') && digits && text.find('T') < sign) {
      text.insert(text.size() - 2, ":");
    }
  }
  return text;
}

result<std::optional<time_point>> timestamp_field(const json& payload) {
  auto text = ingest::optional_string(payload, "timestamp", "payload");
  if (!text) return text.err();
  if (!*text || (*text)->empty()) return std::optional<time_point>{};
  json normalized = json::object({{"timestamp", with_offset_colon(**text)}});
  auto instant = ingest::required_time(normalized, "timestamp", "payload");
  if (!instant) {
    return ingest::field_error("payload.timestamp",
                               "must be an ISO 8601 time such as 2015-07-17T08:42:58.315+0000, "
                               "not " + ingest::shown_value(json(**text)));
  }
  return std::optional<time_point>{*instant};
}

// custom_details values become annotations "custom_details.<key>": strings as they are, other
// values as JSON text ("0.75", "{\"a\":1}").
result<label_map> custom_details_field(const json& payload) {
  label_map details;
  const json* value = ingest::find_member(payload, "custom_details");
  if (!value) return details;
  if (!value->is_object()) {
    return ingest::field_error("payload.custom_details",
                               "must be an object, not " +
                                   std::string(ingest::json_type_name(*value)));
  }
  for (const auto& [key, item] : value->items()) {
    details.emplace("custom_details." + key,
                    item.is_string() ? item.get<std::string>() : item.dump());
  }
  return details;
}

// Each entry is {href, text} (links) or {src, href, alt} (images). A URL that is not http(s)
// is left out rather than failing the page; a wrongly shaped entry is an error.
result<std::vector<link>> links_field(const json& root, std::string_view key,
                                      std::string_view default_label) {
  std::vector<link> links;
  const json* value = ingest::find_member(root, key);
  if (!value) return links;
  if (!value->is_array()) {
    return ingest::field_error(key, "must be an array, not " +
                                        std::string(ingest::json_type_name(*value)));
  }
  const bool image = key == "images";
  for (std::size_t i = 0; i < value->size(); ++i) {
    const auto& item = (*value)[i];
    auto path = ingest::index_path(key, i);
    if (!item.is_object()) {
      return ingest::field_error(path, "must be an object, not " +
                                           std::string(ingest::json_type_name(item)));
    }
    auto label = ingest::optional_string(item, image ? "alt" : "text", path);
    if (!label) return label.err();
    if (!image && !ingest::find_member(item, "href")) {
      return ingest::field_error(ingest::member_path(path, "href"), "is missing");
    }
    auto href = ingest::optional_string(item, "href", path);
    if (!href) return href.err();
    std::optional<std::string> src;
    if (image) {
      auto source = ingest::required_string(item, "src", path);
      if (!source) return source.err();
      src = std::move(*source);
    }
    // An image links to where its href points, or else to the picture itself.
    std::string url = href->value_or("");
    if (!ingest::is_http_url(url) && src) url = *src;
    if (!ingest::is_http_url(url)) continue;
    std::string shown = *label ? ingest::one_line_title(**label) : std::string();
    links.push_back(link{shown.empty() ? std::string(default_label) : std::move(shown),
                         std::move(url)});
  }
  return links;
}

result<alert> trigger_alert(const json& root, const std::string& dedup_key) {
  const json* payload = ingest::find_member(root, "payload");
  if (!payload) return ingest::field_error("payload", "is missing (needed to trigger)");
  if (!payload->is_object()) {
    return ingest::field_error("payload", "must be an object, not " +
                                              std::string(ingest::json_type_name(*payload)));
  }
  alert a;
  a.fingerprint = dedup_key;
  a.status = alert_status::firing;
  auto summary = ingest::required_string(*payload, "summary", "payload");
  if (!summary) return summary.err();
  if (utf8_chars(*summary) > max_pagerduty_summary_chars) {
    return ingest::field_error("payload.summary",
                               "is longer than " + std::to_string(max_pagerduty_summary_chars) +
                                   " characters");
  }
  a.title = ingest::one_line_title(*summary);
  if (a.title.empty()) return ingest::field_error("payload.summary", "is empty");
  auto source = ingest::required_string(*payload, "source", "payload");
  if (!source) return source.err();
  a.labels.emplace("source", std::move(*source));
  auto severity = severity_field(*payload);
  if (!severity) return severity.err();
  a.severity = *severity;
  auto timestamp = timestamp_field(*payload);
  if (!timestamp) return timestamp.err();
  a.starts_at = *timestamp;
  for (auto key : {"component", "group", "class"}) {
    auto text = ingest::optional_string(*payload, key, "payload");
    if (!text) return text.err();
    if (*text && !(*text)->empty()) a.labels.emplace(key, std::move(**text));
  }
  auto details = custom_details_field(*payload);
  if (!details) return details.err();
  a.annotations = std::move(*details);
  for (auto [key, label] : {std::pair{"links", "link"}, std::pair{"images", "image"}}) {
    auto links = links_field(root, key, label);
    if (!links) return links.err();
    for (auto& l : *links) {
      bool seen = false;
      for (const auto& existing : a.links) seen = seen || existing.url == l.url;
      if (!seen) a.links.push_back(std::move(l));
    }
  }
  return a;
}

}  // namespace

result<pagerduty_event> parse_pagerduty(std::string_view body) {
  auto root = ingest::parse_json_object(body);
  if (!root) return root.err();

  pagerduty_event event;
  auto routing_key = routing_key_field(*root);
  if (!routing_key) return routing_key.err();
  event.routing_key = std::move(*routing_key);
  auto action = action_field(*root);
  if (!action) return action.err();
  event.action = std::move(*action);
  auto dedup_key = dedup_key_field(*root, event.action);
  if (!dedup_key) return dedup_key.err();
  event.dedup_key = std::move(*dedup_key);

  event.batch.source = "pagerduty";
  event.batch.group_key = event.dedup_key;
  if (event.action == "acknowledge") return event;

  alert a;
  if (event.action == "trigger") {
    auto triggered = trigger_alert(*root, event.dedup_key);
    if (!triggered) return triggered.err();
    a = std::move(*triggered);
  } else {
    // A resolve carries no payload: the incident it closes already has its title.
    a.fingerprint = event.dedup_key;
    a.status = alert_status::resolved;
    a.title = ingest::one_line_title(event.dedup_key);
  }
  // Routes match on the integration key (SPEC §4).
  a.labels.insert_or_assign("routing_key", event.routing_key);
  event.batch.title = a.title;
  event.batch.group_labels = a.labels;
  event.batch.alerts.push_back(std::move(a));
  return event;
}

}  // namespace oncall
