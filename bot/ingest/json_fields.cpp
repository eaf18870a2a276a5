// Field readers for webhook JSON with errors that name the JSON path.
#include "bot/ingest/json_fields.hpp"

#include <algorithm>
#include <cctype>

namespace oncall::ingest {

namespace {

// A value from the input, quoted and escaped for an error message, cut to a readable length.
std::string quoted_text(std::string_view text) {
  constexpr std::size_t max_shown = 64;
  std::string shown(text.substr(0, max_shown));
  if (text.size() > max_shown) shown += "...";
  return json(shown).dump(-1, ' ', false, json::error_handler_t::replace);
}

error wrong_type(std::string_view path, std::string_view expected, const json& value) {
  return field_error(path, "must be " + std::string(expected) + ", not " +
                               std::string(json_type_name(value)));
}

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string member_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  std::string path;
  path.reserve(parent.size() + 1 + key.size());
  path.append(parent).append(".").append(key);
  return path;
}

std::string index_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

error field_error(std::string_view path, std::string_view problem) {
  return error{std::string(path) + " " + std::string(problem), std::string(path)};
}

std::string shown_value(const json& value) {
  if (value.is_string()) return quoted_text(value.get_ref<const std::string&>());
  auto text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  constexpr std::size_t max_shown = 64;
  if (text.size() > max_shown) text = text.substr(0, max_shown) + "...";
  return text;
}

std::string_view json_type_name(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

const json* find_member(const json& object, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

result<std::string> required_string(const json& object, std::string_view key,
                                    std::string_view parent) {
  const json* value = find_member(object, key);
  if (!value) return field_error(member_path(parent, key), "is missing");
  if (!value->is_string()) return wrong_type(member_path(parent, key), "a string", *value);
  const auto& text = value->get_ref<const std::string&>();
  if (text.empty()) return field_error(member_path(parent, key), "is empty");
  return text;
}

result<std::optional<std::string>> optional_string(const json& object, std::string_view key,
                                                   std::string_view parent) {
  const json* value = find_member(object, key);
  if (!value) return std::optional<std::string>{};
  if (!value->is_string()) return wrong_type(member_path(parent, key), "a string", *value);
  return std::optional<std::string>{value->get_ref<const std::string&>()};
}

result<label_map> optional_string_map(const json& object, std::string_view key,
                                      std::string_view parent) {
  const json* value = find_member(object, key);
  if (!value) return label_map{};
  auto path = member_path(parent, key);
  if (!value->is_object()) return wrong_type(path, "an object of strings", *value);
  label_map out;
  for (const auto& [name, item] : value->items()) {
    if (!item.is_string()) return wrong_type(member_path(path, name), "a string", item);
    out.emplace_hint(out.end(), name, item.get_ref<const std::string&>());
  }
  return out;
}

result<const json*> required_array(const json& object, std::string_view key,
                                   std::string_view parent) {
  const json* value = find_member(object, key);
  if (!value) return field_error(member_path(parent, key), "is missing");
  if (!value->is_array()) return wrong_type(member_path(parent, key), "an array", *value);
  return value;
}

result<std::optional<std::int64_t>> optional_integer(const json& object, std::string_view key,
                                                     std::int64_t min, std::int64_t max,
                                                     std::string_view parent) {
  const json* value = find_member(object, key);
  if (!value) return std::optional<std::int64_t>{};
  auto path = member_path(parent, key);
  if (!value->is_number_integer()) {
    return field_error(path, "must be a whole number, not " + shown_value(*value));
  }
  auto out_of_range = [&] {
    return field_error(path, "must be between " + std::to_string(min) + " and " +
                                 std::to_string(max) + ", not " + shown_value(*value));
  };
  if (value->is_number_unsigned()) {
    auto number = value->get<std::uint64_t>();
    if (max < 0 || number > static_cast<std::uint64_t>(max)) return out_of_range();
    if (static_cast<std::int64_t>(number) < min) return out_of_range();
    return std::optional<std::int64_t>{static_cast<std::int64_t>(number)};
  }
  auto number = value->get<std::int64_t>();
  if (number < min || number > max) return out_of_range();
  return std::optional<std::int64_t>{number};
}

result<time_point> required_time(const json& object, std::string_view key,
                                 std::string_view parent) {
  auto text = required_string(object, key, parent);
  if (!text) return text.err();
  auto instant = parse_iso8601(*text);
  if (!instant) {
    return field_error(member_path(parent, key),
                       "must be an ISO 8601 time such as 2026-11-24T04:56:36Z, not " +
                           quoted_text(*text));
  }
  return *instant;
}

result<alert_status> required_status(const json& object, std::string_view key,
                                     std::string_view parent) {
  const json* value = find_member(object, key);
  if (!value) return field_error(member_path(parent, key), "is missing");
  if (!value->is_string()) return wrong_type(member_path(parent, key), "a string", *value);
  const auto& text = value->get_ref<const std::string&>();
  if (text == "firing") return alert_status::firing;
  if (text == "resolved") return alert_status::resolved;
  return field_error(member_path(parent, key),
                     "must be \"firing\" or \"resolved\", not " + quoted_text(text));
}

bool is_http_url(std::string_view url) {
  auto starts_with_nocase = [&](std::string_view prefix) {
    return url.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), url.begin(), [](char a, char b) {
             return a == std::tolower(static_cast<unsigned char>(b));
           });
  };
  std::size_t rest;
  if (starts_with_nocase("https://")) {
    rest = 8;
  } else if (starts_with_nocase("http://")) {
    rest = 7;
  } else {
    return false;
  }
  // A host must follow, and no whitespace or control characters anywhere: they would break
  // the link markup of chat messages.
  if (rest == url.size() || url[rest] == '/' || url[rest] == '?' || url[rest] == '#') {
    return false;
  }
  return std::none_of(url.begin(), url.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
  });
}

std::string one_line_title(std::string_view text) {
  std::string out;
  out.reserve(std::min(text.size(), max_title_chars * 4));
  bool pending_space = false;
  std::size_t chars = 0;
  std::size_t cut_at = std::string::npos;  // byte length after max_title_chars - 1 characters
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) {
      if (++chars == max_title_chars) cut_at = out.size();
      if (chars > max_title_chars) break;
      out += ' ';
    }
    pending_space = false;
    if (!is_utf8_continuation(c)) {
      if (++chars == max_title_chars) cut_at = out.size();
      if (chars > max_title_chars) break;
    }
    out += c;
  }
  if (chars > max_title_chars) {
    out.resize(cut_at);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += "\u2026";
  }
  return out;
}

}  // namespace oncall::ingest
