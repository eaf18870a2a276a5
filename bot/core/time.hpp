// Time values used across oncallbot: wall-clock instants with millisecond precision, durations
// as std::chrono, and the text forms the config and chat use ("30s", "5m", ISO 8601).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace oncall {

using time_point = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;
using duration = std::chrono::milliseconds;

// Milliseconds since the Unix epoch: the form storage keeps.
inline std::int64_t to_millis(time_point t) { return t.time_since_epoch().count(); }
inline time_point from_millis(std::int64_t ms) { return time_point{duration{ms}}; }

// "30s", "5m", "2h", "7d", "250ms"; also combinations such as "1h30m". nullopt when malformed.
std::optional<duration> parse_duration(std::string_view text);
// The shortest readable form: "45s", "5m", "1h30m", "7d".
std::string format_duration(duration d);

// ISO 8601 / RFC 3339 with 0-9 fractional digits and Z or ±hh:mm. nullopt when malformed.
std::optional<time_point> parse_iso8601(std::string_view text);
// "2026-11-24T05:00:00.123Z" (milliseconds only when non-zero).
std::string format_iso8601(time_point t);

}  // namespace oncall
