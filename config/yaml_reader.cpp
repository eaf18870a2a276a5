// Typed reading of yaml-cpp nodes with error collection (see yaml_reader.hpp).
#include "config/yaml_reader.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "config/key_suggestion.hpp"

namespace oncall {

namespace {

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string describe(const YAML::Node& node) {
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  if (node.IsScalar()) return "a single value";
  return "nothing";
}

std::string joined(std::span<const std::string_view> words) {
  std::string out;
  for (auto w : words) out += (out.empty() ? "" : ", ") + std::string(w);
  return out;
}

}  // namespace

std::string child_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string item_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

bool is_secret_path(std::string_view path) {
  auto dot = path.rfind('.');
  auto key = lowercase(dot == std::string_view::npos ? path : path.substr(dot + 1));
  key = key.substr(0, key.find('['));
  for (const char* word : {"token", "secret", "password", "key"}) {
    if (key.find(word) != std::string::npos) return true;
  }
  return false;
}

std::string shown(const std::string& path, const std::string& value) {
  return is_secret_path(path) ? "the value" : "'" + value + "'";
}

std::optional<std::size_t> parse_size(std::string_view text) {
  std::size_t number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc{} || end == text.data()) return std::nullopt;
  std::string unit = lowercase(std::string_view(end, text.data() + text.size() - end));
  if (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
  std::size_t factor = 0;
  if (unit.empty() || unit == "b") factor = 1;
  if (unit == "k" || unit == "kb" || unit == "kib") factor = 1024;
  if (unit == "m" || unit == "mb" || unit == "mib") factor = 1024 * 1024;
  if (unit == "g" || unit == "gb" || unit == "gib") factor = 1024 * 1024 * 1024;
  if (factor == 0 || number > SIZE_MAX / factor) return std::nullopt;
  return number * factor;
}

int line_of(const YAML::Node& node, int fallback) {
  if (!node.IsDefined() || node.IsNull()) return fallback;
  int line = node.Mark().line;
  return line < 0 ? fallback : line + 1;
}

int field_line(const YAML::Node& map, std::string_view key) {
  const int map_line = line_of(map);
  if (!map.IsMap()) return map_line;
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) {
      return line_of(it->second, line_of(it->first, map_line));
    }
  }
  return map_line;
}

void yaml_reader::fail(int line, const std::string& path, std::string message) {
  errors_.push_back(config_error{line, path, std::move(message)});
}

bool yaml_reader::check_map(const YAML::Node& node, const std::string& path,
                            std::span<const std::string_view> known) {
  if (!node.IsMap()) {
    fail(line_of(node), path, "expected a mapping (key: value), not " + describe(node));
    return false;
  }
  std::map<std::string, int> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
    const int line = line_of(it->first, line_of(node));
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      auto guess = closest_key(key, known);
      fail(line, child_path(path, key),
           "unknown key '" + key + "'; " +
               (guess ? "did you mean '" + *guess + "'?" : "known keys here: " + joined(known)));
    } else if (auto [at, fresh] = seen.emplace(key, line); !fresh) {
      fail(line, child_path(path, key),
           "'" + key + "' is given twice (also on line " + std::to_string(at->second) +
               "); keep one");
    }
  }
  return true;
}

std::optional<YAML::Node> yaml_reader::field(const YAML::Node& map, const std::string& path,
                                             std::string_view key, need n) {
  if (!map.IsMap()) return std::nullopt;
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (!it->first.IsScalar() || it->first.Scalar() != key) continue;
    if (!it->second.IsNull()) return it->second;
    const int key_line = line_of(it->first, line_of(map));
    if (key.find("channel") != std::string_view::npos) {
      // "channel: #oncall" is a YAML comment, so the key silently has no value.
      fail(key_line, child_path(path, key),
           "has no value; '#' starts a YAML comment, so quote channel names: \"#oncall\"");
    } else if (n == need::required) {
      fail(key_line, child_path(path, key), "has no value; it is required, so give it one");
    }
    return std::nullopt;
  }
  if (n == need::required) {
    fail(line_of(map), child_path(path, key),
         "is required but missing; add '" + std::string(key) + ": …' here");
  }
  return std::nullopt;
}

std::optional<YAML::Node> yaml_reader::list_field(const YAML::Node& map, const std::string& path,
                                                  std::string_view key, need n) {
  auto value = field(map, path, key, n);
  if (!value) return std::nullopt;
  if (!value->IsSequence()) {
    fail(line_of(*value), child_path(path, key),
         "expected a list ([a, b] or '- a' lines), not " + describe(*value));
    return std::nullopt;
  }
  return value;
}

std::optional<YAML::Node> yaml_reader::map_field(const YAML::Node& map, const std::string& path,
                                                 std::string_view key, need n) {
  auto value = field(map, path, key, n);
  if (!value) return std::nullopt;
  if (!value->IsMap()) {
    fail(line_of(*value), child_path(path, key),
         "expected a mapping (key: value), not " + describe(*value));
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> yaml_reader::scalar(const YAML::Node& value, const std::string& path,
                                               int line) {
  if (value.IsNull()) return std::string();
  if (!value.IsScalar()) {
    fail(line, path, "expected a single value, not " + describe(value));
    return std::nullopt;
  }
  auto text = substitute_env(value.Scalar(), env_);
  if (!text) {
    fail(line, path, text.err().message);
    return std::nullopt;
  }
  return std::move(text).value();
}

bool yaml_reader::check_secret_text(const std::string& value, const std::string& path, int line) {
  bool clean = std::none_of(value.begin(), value.end(), [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) ||
           std::iscntrl(static_cast<unsigned char>(c));
  });
  if (!clean) {
    // Usually a trailing newline from a secrets file; such a value would corrupt HTTP headers.
    fail(line, path,
         "the value contains spaces or control characters (a trailing newline?); tokens never "
         "do, so check where it comes from");
  }
  return clean;
}

std::optional<yaml_reader::text_value> yaml_reader::text_field(const YAML::Node& map,
                                                               const std::string& path,
                                                               std::string_view key, need n) {
  auto value = field(map, path, key, n);
  if (!value) return std::nullopt;
  const auto p = child_path(path, key);
  const int line = line_of(*value);
  auto text = scalar(*value, p, line);
  if (!text) return std::nullopt;
  if (is_secret_path(p) && !check_secret_text(*text, p, line)) return std::nullopt;
  if (n == need::required && text->empty()) {
    bool from_env = value->Scalar().find("${") != std::string::npos;
    fail(line, p,
         from_env ? "is empty after substituting the environment; set the variable it names"
                  : "is empty; give it a value");
    return std::nullopt;
  }
  return text_value{std::move(*text), line, p};
}

bool yaml_reader::read_string(const YAML::Node& map, const std::string& path, std::string_view key,
                              std::string& out, need n) {
  auto v = text_field(map, path, key, n);
  if (v) out = std::move(v->text);
  return v.has_value();
}

bool yaml_reader::read_choice(const YAML::Node& map, const std::string& path, std::string_view key,
                              std::span<const std::string_view> choices, std::string& out, need n) {
  auto v = text_field(map, path, key, n);
  if (!v) return false;
  if (std::find(choices.begin(), choices.end(), v->text) != choices.end()) {
    out = std::move(v->text);
    return true;
  }
  auto guess = closest_key(v->text, choices);
  fail(v->line, v->path,
       shown(v->path, v->text) + " is not one of " + joined(choices) +
           (guess ? "; did you mean '" + *guess + "'?" : ""));
  return false;
}

bool yaml_reader::read_bool(const YAML::Node& map, const std::string& path, std::string_view key,
                            bool& out, need n) {
  auto v = text_field(map, path, key, n);
  if (!v) return false;
  auto word = lowercase(v->text);
  if (word == "true" || word == "yes" || word == "on") return out = true, true;
  if (word == "false" || word == "no" || word == "off") return out = false, true;
  fail(v->line, v->path, shown(v->path, v->text) + " is not true or false");
  return false;
}

bool yaml_reader::read_count(const YAML::Node& map, const std::string& path, std::string_view key,
                             int& out, int min, need n) {
  auto v = text_field(map, path, key, n);
  if (!v) return false;
  int value = 0;
  auto [end, ec] = std::from_chars(v->text.data(), v->text.data() + v->text.size(), value);
  if (ec != std::errc{} || end != v->text.data() + v->text.size()) {
    fail(v->line, v->path, shown(v->path, v->text) + " is not a whole number");
    return false;
  }
  if (value < min) {
    fail(v->line, v->path, "must be at least " + std::to_string(min) + ", not " + v->text);
    return false;
  }
  out = value;
  return true;
}

bool yaml_reader::read_size(const YAML::Node& map, const std::string& path, std::string_view key,
                            std::size_t& out, need n) {
  auto v = text_field(map, path, key, n);
  if (!v) return false;
  auto size = parse_size(v->text);
  if (!size || *size == 0) {
    fail(v->line, v->path,
         shown(v->path, v->text) +
             " is not a size; write it like 512KB, 16MB or 1GB, or a number of bytes");
    return false;
  }
  out = *size;
  return true;
}

bool yaml_reader::read_duration(const YAML::Node& map, const std::string& path,
                                std::string_view key, duration& out, need n) {
  auto v = text_field(map, path, key, n);
  if (!v) return false;
  auto d = parse_duration(v->text);
  if (!d) {
    fail(v->line, v->path,
         shown(v->path, v->text) + " is not a duration; write it like 30s, 5m, 2h or 7d");
    return false;
  }
  if (d->count() <= 0) {
    fail(v->line, v->path, "must be longer than 0s");
    return false;
  }
  out = *d;
  return true;
}

bool yaml_reader::read_time(const YAML::Node& map, const std::string& path, std::string_view key,
                            time_point& out, need n) {
  auto v = text_field(map, path, key, n);
  if (!v) return false;
  // YAML's own timestamp form separates date and time with a space.
  std::string iso = v->text;
  if (iso.size() > 10 && iso[10] == ' ') iso[10] = 'T';
  auto t = parse_iso8601(iso);
  if (!t) {
    fail(v->line, v->path,
         shown(v->path, v->text) +
             " is not an ISO 8601 time; write it like 2026-11-24T18:00:00Z or "
             "2026-11-24T19:00:00+01:00");
    return false;
  }
  out = *t;
  return true;
}

bool yaml_reader::read_strings(const YAML::Node& map, const std::string& path, std::string_view key,
                               std::vector<std::string>& out, need n) {
  auto list = list_field(map, path, key, n);
  if (!list) return false;
  const auto p = child_path(path, key);
  const std::size_t errors_before = errors_.size();
  std::vector<std::string> items;
  std::size_t i = 0;
  for (const YAML::Node& item : *list) {
    const auto item_p = item_path(p, i++);
    const int line = line_of(item, line_of(*list));
    auto text = scalar(item, item_p, line);
    if (text && (!is_secret_path(p) || check_secret_text(*text, item_p, line))) {
      items.push_back(std::move(*text));
    }
  }
  out = std::move(items);
  return errors_.size() == errors_before;
}

bool yaml_reader::read_url(const YAML::Node& map, const std::string& path, std::string_view key,
                           std::string& out, need n) {
  auto v = text_field(map, path, key, n);
  if (!v) return false;
  auto scheme_end = v->text.find("://");
  auto scheme = v->text.substr(0, scheme_end);
  if (scheme_end == std::string::npos || (scheme != "http" && scheme != "https") ||
      v->text.size() == scheme_end + 3) {
    fail(v->line, v->path,
         shown(v->path, v->text) +
             " is not a URL; write it like https://host.example or "
             "http://127.0.0.1:8080");
    return false;
  }
  out = std::move(v->text);
  return true;
}

bool yaml_reader::read_timezone(const YAML::Node& map, const std::string& path,
                                std::string_view key, std::string& out) {
  auto v = text_field(map, path, key, need::optional);
  if (!v) return false;
  try {
    date::locate_zone(v->text);
  } catch (const std::exception&) {
    fail(v->line, v->path,
         "'" + v->text +
             "' is not a time zone; write an IANA name like Europe/Berlin, America/New_York "
             "or UTC");
    return false;
  }
  out = std::move(v->text);
  return true;
}

void yaml_reader::check_unique(std::map<std::string, int>& seen, const std::string& name,
                               const std::string& path, int line, std::string_view what) {
  if (name.empty()) return;  // already reported as missing
  auto [at, fresh] = seen.emplace(name, line);
  if (!fresh) {
    fail(line, path,
         "a " + std::string(what) + " named '" + name + "' is already defined on line " +
             std::to_string(at->second) + "; give each " + std::string(what) + " its own name");
  }
}

}  // namespace oncall
