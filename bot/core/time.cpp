// Parsing and formatting of durations and ISO 8601 instants.
#include "bot/core/time.hpp"

#include <date/date.h>

#include <cctype>
#include <sstream>

namespace oncall {

namespace {

std::optional<std::int64_t> unit_millis(std::string_view unit) {
  if (unit == "ms") return 1;
  if (unit == "s") return 1000;
  if (unit == "m") return 60'000;
  if (unit == "h") return 3'600'000;
  if (unit == "d") return 86'400'000;
  if (unit == "w") return 7 * 86'400'000LL;
  return std::nullopt;
}

}  // namespace

std::optional<duration> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t digits_start = i;
    std::int64_t value = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      value = value * 10 + (text[i] - '0');
      if (value > 1'000'000'000) return std::nullopt;
      ++i;
    }
    if (i == digits_start) return std::nullopt;
    std::size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    auto unit = unit_millis(text.substr(unit_start, i - unit_start));
    if (!unit) return std::nullopt;
    total += value * *unit;
  }
  return duration{total};
}

std::string format_duration(duration d) {
  auto ms = d.count();
  if (ms == 0) return "0s";
  std::string out;
  if (ms < 0) {
    out = "-";
    ms = -ms;
  }
  if (ms < 1000) return out + std::to_string(ms) + "ms";
  auto secs = ms / 1000;
  const std::pair<std::int64_t, const char*> units[] = {
      {86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}};
  int parts = 0;
  for (auto [size, name] : units) {
    if (secs >= size && parts < 2) {
      out += std::to_string(secs / size) + name;
      secs %= size;
      ++parts;
    } else if (parts > 0) {
      break;  // "1h30m", never "1h0m5s"
    }
  }
  return out;
}

std::optional<time_point> parse_iso8601(std::string_view text) {
  // date::parse handles the calendar; fractions beyond milliseconds (Alertmanager sends
  // nanoseconds) are cut before parsing so that any digit count is accepted.
  std::string s(text);
  auto t_pos = s.find('T');
  if (t_pos == std::string::npos || s.size() < 20) return std::nullopt;
  std::string fraction_ms = "000";
  auto dot = s.find('.', t_pos);
  if (dot != std::string::npos) {
    std::size_t end = dot + 1;
    while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
    std::string digits = s.substr(dot + 1, end - dot - 1);
    if (digits.empty()) return std::nullopt;
    digits.resize(3, '0');
    fraction_ms = digits.substr(0, 3);
    s.erase(dot, end - dot);
  }
  std::istringstream in(s);
  date::sys_seconds secs;
  if (s.back() == 'Z' || s.back() == 'z') {
    in >> date::parse("%FT%TZ", secs);
  } else {
    in >> date::parse("%FT%T%Ez", secs);
  }
  if (in.fail()) return std::nullopt;
  in.peek();
  if (!in.eof()) return std::nullopt;
  return time_point{std::chrono::duration_cast<duration>(secs.time_since_epoch()) +
                    duration{std::stoi(fraction_ms)}};
}

std::string format_iso8601(time_point t) {
  auto ms = t.time_since_epoch().count() % 1000;
  if (ms == 0) {
    return date::format("%FT%TZ", std::chrono::time_point_cast<std::chrono::seconds>(t));
  }
  return date::format("%FT%TZ", t);
}

}  // namespace oncall
