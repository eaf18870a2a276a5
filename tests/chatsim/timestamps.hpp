// Role: Slack message timestamps ("<unix seconds>.<6 digits>", always strings): formatting,
// parsing to microseconds for comparison, and a source that never repeats or goes backwards.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace chatsim {

using micros_clock = std::function<std::int64_t()>;  // microseconds since the Unix epoch

std::int64_t system_micros();
// CLOCK_MONOTONIC in nanoseconds: comparable with other processes on the same host (C++
// steady_clock, Node's process.hrtime.bigint()), so a benchmark can time the bot from outside.
std::int64_t monotonic_nanos();
std::string format_ts(std::int64_t micros);
std::optional<std::int64_t> parse_ts(std::string_view ts);  // "1503435956.000247", "1503435956"

class ts_source {
 public:
  explicit ts_source(micros_clock clock = system_micros) : clock_(std::move(clock)) {}
  std::string next();                  // strictly increasing across the whole workspace
  std::int64_t now() const { return clock_(); }

 private:
  micros_clock clock_;
  std::int64_t last_ = 0;
};

}  // namespace chatsim
