// Role: implementation of Slack timestamp formatting, parsing and generation.
#include "timestamps.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>

namespace chatsim {

std::int64_t system_micros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t monotonic_nanos() {
  // libstdc++'s steady_clock is CLOCK_MONOTONIC, the clock every process on the host shares.
  using namespace std::chrono;
  return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
}

std::string format_ts(std::int64_t micros) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%lld.%06lld", static_cast<long long>(micros / 1000000),
                static_cast<long long>(micros % 1000000));
  return buffer;
}

std::optional<std::int64_t> parse_ts(std::string_view ts) {
  auto dot = ts.find('.');
  auto whole = ts.substr(0, dot);
  std::int64_t seconds = 0;
  auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), seconds);
  if (ec != std::errc{} || end != whole.data() + whole.size() || whole.empty()) return std::nullopt;
  std::int64_t fraction = 0;
  if (dot != std::string_view::npos) {
    auto digits = ts.substr(dot + 1);
    if (digits.empty() || digits.size() > 6) return std::nullopt;
    for (char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
    }
    std::string padded(digits);
    padded.resize(6, '0');
    std::from_chars(padded.data(), padded.data() + padded.size(), fraction);
  }
  return seconds * 1000000 + fraction;
}

std::string ts_source::next() {
  last_ = std::max(clock_(), last_ + 1);
  return format_ts(last_);
}

}  // namespace chatsim
