// Parsing and formatting of durations and ISO 8601 instants.
#include "bot/core/time.hpp"

#include <date/date.h>

#include <cctype>
#include <limits>

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

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char char_at(std::string_view text, std::size_t pos) { return pos < text.size() ? text[pos] : '\0'; }

// Exactly `count` decimal digits at text[pos…], or nullopt.
std::optional<int> fixed_digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!is_digit(text[i])) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
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
    if (value * *unit > std::numeric_limits<std::int64_t>::max() - total) return std::nullopt;
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
  // RFC 3339 read by hand: strict (no single-digit fields, no trailing text) and fast, since an
  // Alertmanager storm carries tens of thousands of these and date::parse through a stream
  // costs microseconds each. Fractions of any length are cut to milliseconds.
  auto year = fixed_digits(text, 0, 4);
  auto month = fixed_digits(text, 5, 2);
  auto day = fixed_digits(text, 8, 2);
  auto hour = fixed_digits(text, 11, 2);
  auto minute = fixed_digits(text, 14, 2);
  auto second = fixed_digits(text, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  if (text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') ||
      text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  if (*hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
  date::year_month_day ymd{date::year{*year}, date::month{static_cast<unsigned>(*month)},
                           date::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok()) return std::nullopt;

  std::size_t pos = 19;
  std::int64_t millis = 0;
  if (char_at(text, pos) == '.') {
    std::size_t start = ++pos;
    for (int scale = 100; pos < text.size() && is_digit(text[pos]); ++pos, scale /= 10) {
      millis += (text[pos] - '0') * scale;
    }
    if (pos == start) return std::nullopt;
  }
  std::int64_t offset_minutes = 0;
  char zone = char_at(text, pos);
  if (zone == 'Z' || zone == 'z') {
    pos += 1;
  } else if (zone == '+' || zone == '-') {
    auto offset_hours = fixed_digits(text, pos + 1, 2);
    auto offset_mins = fixed_digits(text, pos + 4, 2);
    if (!offset_hours || !offset_mins || text[pos + 3] != ':' || *offset_hours > 23 ||
        *offset_mins > 59) {
      return std::nullopt;
    }
    offset_minutes = (zone == '-' ? -1 : 1) * (*offset_hours * 60 + *offset_mins);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;

  std::int64_t days = date::sys_days{ymd}.time_since_epoch().count();
  std::int64_t minutes = (days * 24 + *hour) * 60 + *minute - offset_minutes;
  return from_millis((minutes * 60 + *second) * 1000 + millis);
}

std::string format_iso8601(time_point t) {
  auto ms = t.time_since_epoch().count() % 1000;
  if (ms == 0) {
    return date::format("%FT%TZ", std::chrono::time_point_cast<std::chrono::seconds>(t));
  }
  return date::format("%FT%TZ", t);
}

}  // namespace oncall
