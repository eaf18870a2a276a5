// Reading fields out of webhook JSON, shared by every parser in bot/ingest: each reader checks
// presence and type and, when the input is wrong, returns an error that names the JSON path
// ("alerts[2].fingerprint is missing"), so a sender can find the problem in its payload.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bot/core/alert.hpp"
#include "bot/core/result.hpp"
#include "bot/core/time.hpp"

namespace oncall::ingest {

using json = nlohmann::json;

// Longest title kept, in characters (UTF-8 code points); longer titles are cut with "…".
inline constexpr std::size_t max_title_chars = 1024;

// "alerts[2]" + "fingerprint" → "alerts[2].fingerprint"; "" + "version" → "version".
std::string member_path(std::string_view parent, std::string_view key);
// "alerts" + 2 → "alerts[2]".
std::string index_path(std::string_view parent, std::size_t index);

// An error about the field at `path`; `problem` completes the sentence ("is missing").
error field_error(std::string_view path, std::string_view problem);

// "a string", "an object", "null", …: what a value is, for "must be a string, not a number".
std::string_view json_type_name(const json& value);
// A value from the input as JSON text for an error message ("\"pending\"", "7"), cut to a
// readable length.
std::string shown_value(const json& value);

// The member `key` of `object`, or nullptr when it is absent or null (senders use both for
// "not set").
const json* find_member(const json& object, std::string_view key);

// Required, non-empty string.
result<std::string> required_string(const json& object, std::string_view key,
                                    std::string_view parent = {});
// A string when present; nullopt when absent or null.
result<std::optional<std::string>> optional_string(const json& object, std::string_view key,
                                                   std::string_view parent = {});
// An object whose values are all strings; empty when absent or null.
result<label_map> optional_string_map(const json& object, std::string_view key,
                                      std::string_view parent = {});
// A JSON array, returned by address so large arrays are not copied.
result<const json*> required_array(const json& object, std::string_view key,
                                   std::string_view parent = {});
// A whole number in [min, max] when present; nullopt when absent or null.
result<std::optional<std::int64_t>> optional_integer(const json& object, std::string_view key,
                                                     std::int64_t min, std::int64_t max,
                                                     std::string_view parent = {});
// An ISO 8601 / RFC 3339 instant.
result<time_point> required_time(const json& object, std::string_view key,
                                 std::string_view parent = {});
// "firing" or "resolved".
result<alert_status> required_status(const json& object, std::string_view key,
                                     std::string_view parent = {});

// True for an absolute http:// or https:// URL with a host: the only links oncallbot puts in
// front of people (no javascript:, data:, file:, relative paths).
bool is_http_url(std::string_view url);

// A title fit for one line of chat: surrounding whitespace trimmed, line breaks and tabs turned
// into spaces, at most max_title_chars characters (cut ones end in "…").
std::string one_line_title(std::string_view text);

}  // namespace oncall::ingest
