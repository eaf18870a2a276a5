// POST /webhooks/deploy → deploy.
#include "bot/ingest/deploy.hpp"

#include "bot/ingest/json_body.hpp"
#include "bot/ingest/json_fields.hpp"

namespace oncall {

namespace {

using ingest::json;

bool has_control_characters(const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

// One line of text at most `limit` bytes; `required` also refuses absent and empty values.
result<std::string> text_field(const json& root, std::string_view key, std::size_t limit, bool required) {
  std::string value;
  if (required) {
    auto v = ingest::required_string(root, key);
    if (!v) return v.err();
    value = std::move(*v);
  } else {
    auto v = ingest::optional_string(root, key);
    if (!v) return v.err();
    value = v->value_or("");
  }
  if (value.size() > limit) {
    return ingest::field_error(key, "is " + std::to_string(value.size()) + " bytes long; at most " +
                                        std::to_string(limit) + " are accepted");
  }
  if (has_control_characters(value)) {
    return ingest::field_error(key, "must be one line of text, without control characters");
  }
  return value;
}

}  // namespace

result<deploy> parse_deploy(std::string_view body) {
  auto root = ingest::parse_json_object(body);
  if (!root) return root.err();
  deploy d;
  struct field {
    std::string_view key;
    std::string* out;
    std::size_t limit;
    bool required;
  };
  for (const auto& f : {field{"service", &d.service, max_deploy_field_bytes, true},
                        field{"version", &d.version, max_deploy_field_bytes, true},
                        field{"commit", &d.commit, max_deploy_field_bytes, false},
                        field{"author", &d.author, max_deploy_field_bytes, false},
                        field{"url", &d.url, max_deploy_url_bytes, false}}) {
    auto value = text_field(*root, f.key, f.limit, f.required);
    if (!value) return value.err();
    *f.out = std::move(*value);
  }
  if (!d.url.empty() && !ingest::is_http_url(d.url)) {
    return ingest::field_error("url", "must be an http or https URL, not " +
                                          ingest::shown_value(json(d.url)));
  }
  return d;
}

}  // namespace oncall
