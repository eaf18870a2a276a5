// yaml_reader: typed access to yaml-cpp nodes for the config loader. Every problem becomes a
// config_error with the YAML line and key path, and reading goes on, so that one run of
// check-config reports everything that is wrong.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/time.hpp"
#include "config/env_substitution.hpp"
#include "config/loader.hpp"

namespace oncall {

enum class need { optional, required };

// "schedules[0]" + "members" → "schedules[0].members"; "schedules" + 2 → "schedules[2]".
std::string child_path(const std::string& parent, std::string_view key);
std::string item_path(const std::string& parent, std::size_t index);

// True when the last key of `path` names a secret (…token…, …secret…, …password…, …key…).
bool is_secret_path(std::string_view path);
// How a message shows a value: 'value', or "the value" for a secret.
std::string shown(const std::string& path, const std::string& value);

// "16MB", "512KB", "1GB", "2048": bytes. K/M/G are binary (1MB = 1024 * 1024 bytes), as memory
// limits usually are; KiB/MiB/GiB are accepted as the same.
std::optional<std::size_t> parse_size(std::string_view text);

// 1-based line of a node; `fallback` when the node carries no position (null values).
int line_of(const YAML::Node& node, int fallback = 0);

// 1-based line of `key`'s value in `map` (of the key when the value is null; of the map when
// the key is absent).
int field_line(const YAML::Node& map, std::string_view key);

class yaml_reader {
 public:
  explicit yaml_reader(env_lookup env) : env_(std::move(env)) {}

  void fail(int line, const std::string& path, std::string message);
  std::vector<config_error>& errors() { return errors_; }

  // True when `node` is a mapping; reports keys not in `known` (suggesting the closest one) and
  // keys given twice.
  bool check_map(const YAML::Node& node, const std::string& path,
                 std::span<const std::string_view> known);

  // The value of `key` in `map`, or nullopt when it is absent or null (reported when required).
  std::optional<YAML::Node> field(const YAML::Node& map, const std::string& path,
                                  std::string_view key, need n = need::optional);
  std::optional<YAML::Node> list_field(const YAML::Node& map, const std::string& path,
                                       std::string_view key, need n = need::optional);
  std::optional<YAML::Node> map_field(const YAML::Node& map, const std::string& path,
                                      std::string_view key, need n = need::optional);

  // A single value with ${ENV} substituted; reports lists, mappings and unset variables.
  std::optional<std::string> scalar(const YAML::Node& value, const std::string& path, int line);

  // Typed fields. Each sets `out` and returns true only for a present, valid value; on false
  // `out` keeps its default and any problem has been reported.
  bool read_string(const YAML::Node& map, const std::string& path, std::string_view key,
                   std::string& out, need n = need::optional);
  bool read_choice(const YAML::Node& map, const std::string& path, std::string_view key,
                   std::span<const std::string_view> choices, std::string& out,
                   need n = need::optional);
  bool read_bool(const YAML::Node& map, const std::string& path, std::string_view key, bool& out,
                 need n = need::optional);
  bool read_count(const YAML::Node& map, const std::string& path, std::string_view key, int& out,
                  int min, need n = need::optional);
  bool read_size(const YAML::Node& map, const std::string& path, std::string_view key,
                 std::size_t& out, need n = need::optional);
  // Durations must be longer than zero.
  bool read_duration(const YAML::Node& map, const std::string& path, std::string_view key,
                     duration& out, need n = need::optional);
  bool read_time(const YAML::Node& map, const std::string& path, std::string_view key,
                 time_point& out, need n = need::optional);
  bool read_strings(const YAML::Node& map, const std::string& path, std::string_view key,
                    std::vector<std::string>& out, need n = need::optional);
  // An http:// or https:// URL, as written.
  bool read_url(const YAML::Node& map, const std::string& path, std::string_view key,
                std::string& out, need n = need::optional);
  // An IANA time zone name the system's tz database knows.
  bool read_timezone(const YAML::Node& map, const std::string& path, std::string_view key,
                     std::string& out);

  // Reports `name` when `seen` already has it; remembers it otherwise. `what` is "schedule" etc.
  void check_unique(std::map<std::string, int>& seen, const std::string& name,
                    const std::string& path, int line, std::string_view what);

 private:
  struct text_value {
    std::string text;
    int line;
    std::string path;
  };
  // A field's text after ${ENV}; nullopt when absent (reported if required), bad, or required
  // but empty.
  std::optional<text_value> text_field(const YAML::Node& map, const std::string& path,
                                       std::string_view key, need n);
  bool check_secret_text(const std::string& value, const std::string& path, int line);

  env_lookup env_;
  std::vector<config_error> errors_;
};

}  // namespace oncall
