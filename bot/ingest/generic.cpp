// POST /webhooks/generic → alert_batch with one alert.
#include "bot/ingest/generic.hpp"

#include <utility>

#include "bot/core/severity.hpp"
#include "bot/ingest/json_body.hpp"
#include "bot/ingest/json_fields.hpp"

namespace oncall {

namespace {

using ingest::json;

// A severity name ("critical", "SEV2", "3") or a number 1–4; default 3 when absent.
result<int> severity_field(const json& root) {
  const json* value = ingest::find_member(root, "severity");
  if (!value) return default_severity;
  if (value->is_number_integer()) {
    auto number = value->is_number_unsigned() ? value->get<std::uint64_t>() : 0;
    if (number >= 1 && number <= 4) return static_cast<int>(number);
  } else if (value->is_string()) {
    if (auto parsed = parse_severity(value->get_ref<const std::string&>())) return *parsed;
  }
  return ingest::field_error(
      "severity", "must be one of critical, error, warning, info, 1, 2, 3, 4 or sev1–sev4, not " +
                      ingest::shown_value(*value));
}

result<link> checked_link(std::string label, const json& url, const std::string& path) {
  if (!url.is_string()) {
    return ingest::field_error(path, "must be a string, not " +
                                         std::string(ingest::json_type_name(url)));
  }
  const auto& text = url.get_ref<const std::string&>();
  if (!ingest::is_http_url(text)) {
    return ingest::field_error(path,
                               "must be an http or https URL, not " + ingest::shown_value(url));
  }
  return link{std::move(label), text};
}

// {"label" or "text", "url" or "href"}; a link without a label is shown as "link".
result<link> link_item(const json& item, const std::string& path) {
  if (!item.is_object()) {
    return ingest::field_error(path, "must be an object with a url, not " +
                                         std::string(ingest::json_type_name(item)));
  }
  std::string label = "link";
  for (auto key : {"label", "text"}) {
    auto text = ingest::optional_string(item, key, path);
    if (!text) return text.err();
    if (*text && !(*text)->empty()) {
      label = ingest::one_line_title(**text);
      break;
    }
  }
  for (auto key : {"url", "href"}) {
    if (const json* url = ingest::find_member(item, key)) {
      return checked_link(std::move(label), *url, ingest::member_path(path, key));
    }
  }
  return ingest::field_error(ingest::member_path(path, "url"), "is missing");
}

// Either [{"label", "url"}, …] (order kept) or {"label": "url", …}.
result<std::vector<link>> links_field(const json& root) {
  std::vector<link> links;
  const json* value = ingest::find_member(root, "links");
  if (!value) return links;
  if (value->is_object()) {
    for (const auto& [label, url] : value->items()) {
      auto checked = checked_link(label, url, ingest::member_path("links", label));
      if (!checked) return checked.err();
      links.push_back(std::move(*checked));
    }
  } else if (value->is_array()) {
    for (std::size_t i = 0; i < value->size(); ++i) {
      auto item = link_item((*value)[i], ingest::index_path("links", i));
      if (!item) return item.err();
      links.push_back(std::move(*item));
    }
  } else {
    return ingest::field_error("links", "must be an array of {label, url} or an object of "
                                        "label to URL, not " +
                                            std::string(ingest::json_type_name(*value)));
  }
  return links;
}

result<std::string> dedup_key_field(const json& root) {
  auto key = ingest::required_string(root, "dedup_key");
  if (!key) return key.err();
  if (key->size() > max_dedup_key_bytes) {
    return ingest::field_error("dedup_key", "is longer than " +
                                                std::to_string(max_dedup_key_bytes) + " bytes");
  }
  return key;
}

}  // namespace

result<alert_batch> parse_generic(std::string_view body) {
  auto root = ingest::parse_json_object(body);
  if (!root) return root.err();

  alert a;
  auto title = ingest::required_string(*root, "title");
  if (!title) return title.err();
  a.title = ingest::one_line_title(*title);
  if (a.title.empty()) return ingest::field_error("title", "is empty");
  auto dedup_key = dedup_key_field(*root);
  if (!dedup_key) return dedup_key.err();
  a.fingerprint = std::move(*dedup_key);
  if (ingest::find_member(*root, "status")) {
    auto status = ingest::required_status(*root, "status");
    if (!status) return status.err();
    a.status = *status;
  }
  auto severity = severity_field(*root);
  if (!severity) return severity.err();
  a.severity = *severity;
  auto labels = ingest::optional_string_map(*root, "labels");
  if (!labels) return labels.err();
  a.labels = std::move(*labels);
  // The sender's name is a label so that routes can match on it; the field wins over a
  // "source" label because it is the documented place for it.
  auto source = ingest::optional_string(*root, "source");
  if (!source) return source.err();
  if (*source && !(*source)->empty()) a.labels.insert_or_assign("source", **source);
  auto links = links_field(*root);
  if (!links) return links.err();
  a.links = std::move(*links);

  alert_batch batch;
  batch.source = "generic";
  batch.group_key = a.fingerprint;
  batch.title = a.title;
  batch.group_labels = a.labels;
  batch.alerts.push_back(std::move(a));
  return batch;
}

}  // namespace oncall
