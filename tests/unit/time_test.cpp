// Durations and ISO 8601 instants (bot/core/time.cpp).
#include <catch2/catch.hpp>

#include <string>

#include "bot/core/time.hpp"

using namespace oncall;
using namespace std::chrono_literals;

TEST_CASE("durations parse from the config's short forms", "[unit][time]") {
  CHECK(parse_duration("30s") == duration{30s});
  CHECK(parse_duration("5m") == duration{5min});
  CHECK(parse_duration("2h") == duration{2h});
  CHECK(parse_duration("7d") == duration{7 * 24h});
  CHECK(parse_duration("1w") == duration{7 * 24h});
  CHECK(parse_duration("1h30m") == duration{90min});
  CHECK(parse_duration("250ms") == duration{250ms});
  CHECK(parse_duration("1m30s500ms") == duration{90'500ms});
  CHECK(parse_duration("0s") == duration{0ms});
}

TEST_CASE("malformed durations are refused", "[unit][time]") {
  for (const char* text : {"", "5", "x", "5x", "-5s", "s", "5 m", " 5m", "5m ", "1.5h", "5M",
                           "1h30", "99999999999s"}) {
    INFO('"' << text << '"');
    CHECK_FALSE(parse_duration(text).has_value());
  }
}

TEST_CASE("a duration too long to count in milliseconds is refused, not wrapped",
          "[unit][time]") {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "1000000000w";  // 20 × 19,000 years
  CHECK_FALSE(parse_duration(text).has_value());
  CHECK(parse_duration("1000000000w") == duration{1'000'000'000LL * 7 * 86'400'000});
}

TEST_CASE("durations format in their shortest readable form", "[unit][time]") {
  CHECK(format_duration(0ms) == "0s");
  CHECK(format_duration(250ms) == "250ms");
  CHECK(format_duration(45s) == "45s");
  CHECK(format_duration(5min) == "5m");
  CHECK(format_duration(90s) == "1m30s");
  CHECK(format_duration(90min) == "1h30m");
  CHECK(format_duration(2h) == "2h");
  CHECK(format_duration(7 * 24h) == "7d");
  CHECK(format_duration(26h) == "1d2h");
  CHECK(format_duration(-5min) == "-5m");
  // At most two units, the largest first: a readable figure, not an exact one.
  CHECK(format_duration(1h + 5s) == "1h");
  CHECK(format_duration(1500ms) == "1s");
}

TEST_CASE("formatted durations parse back", "[unit][time]") {
  for (duration d : {duration{250ms}, duration{45s}, duration{90s}, duration{5min},
                     duration{90min}, duration{26h}, duration{7 * 24h}}) {
    INFO(format_duration(d));
    CHECK(parse_duration(format_duration(d)) == d);
  }
}

TEST_CASE("ISO 8601 instants parse with Z or an offset", "[unit][time]") {
  const auto base = from_millis(1'795'496'192'000);  // 2026-11-24T04:56:32Z
  CHECK(parse_iso8601("2026-11-24T04:56:32Z") == base);
  CHECK(parse_iso8601("2026-11-24T04:56:32z") == base);  // RFC 3339 allows lower case
  CHECK(parse_iso8601("2026-11-24T06:56:32+02:00") == base);
  CHECK(parse_iso8601("2026-11-23T23:26:32-05:30") == base);
  CHECK(parse_iso8601("2026-11-24T04:56:32+00:00") == base);
  CHECK(parse_iso8601("1970-01-01T00:00:00Z") == from_millis(0));
  CHECK(parse_iso8601("0001-01-01T00:00:00Z") == from_millis(-62'135'596'800'000));
  CHECK(parse_iso8601("2028-02-29T12:00:00Z").has_value());
}

TEST_CASE("ISO 8601 fractions of 0 to 9 digits are cut to milliseconds", "[unit][time]") {
  const auto base = from_millis(1'795'496'192'000);
  CHECK(parse_iso8601("2026-11-24T04:56:32.792Z") == base + 792ms);
  CHECK(parse_iso8601("2026-11-24T04:56:32.5Z") == base + 500ms);
  CHECK(parse_iso8601("2026-11-24T04:56:32.05Z") == base + 50ms);
  CHECK(parse_iso8601("2026-11-24T04:56:32.867005723Z") == base + 867ms);
  CHECK(parse_iso8601("2026-11-24T04:56:32.999999999Z") == base + 999ms);
  CHECK(parse_iso8601("2026-11-24T06:56:32.250+02:00") == base + 250ms);
}

TEST_CASE("malformed ISO 8601 instants are refused", "[unit][time]") {
  for (const char* text :
       {"", "garbage", "2026-11-24", "2026-11-24T04:56:32", "2026-11-24T04:56Z",
        "2026-11-24 04:56:32", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
        "2026-11-24T24:00:00Z", "2026-11-24T04:60:00Z", "2026-11-24T04:56:32.Z",
        "2026-11-24T04:56:32.5.5Z", "2026-11-24T04:56:32Zjunk", "2026-11-24T04:56:32Z ",
        " 2026-11-24T04:56:32Z", "2026-11-24T04:56:32+2:00", "2026-11-24T04:56:32+02:00:00",
        "2026-1-24T04:56:32.000Z", "2026-11-24T4:56:32.000Z", "yesterday at 5"}) {
    INFO('"' << text << '"');
    CHECK_FALSE(parse_iso8601(text).has_value());
  }
}

TEST_CASE("ISO 8601 formatting shows milliseconds only when there are some", "[unit][time]") {
  const auto base = from_millis(1'795'496'192'000);
  CHECK(format_iso8601(base) == "2026-11-24T04:56:32Z");
  CHECK(format_iso8601(base + 123ms) == "2026-11-24T04:56:32.123Z");
  CHECK(format_iso8601(base + 5ms) == "2026-11-24T04:56:32.005Z");
  CHECK(format_iso8601(from_millis(0)) == "1970-01-01T00:00:00Z");
}

TEST_CASE("formatted instants parse back to the same millisecond", "[unit][time]") {
  for (std::int64_t ms : {0LL, 1LL, 999LL, 1'795'496'192'000LL, 1'795'496'192'867LL,
                          4'102'444'799'999LL, -1'500LL}) {
    auto t = from_millis(ms);
    INFO(format_iso8601(t));
    CHECK(parse_iso8601(format_iso8601(t)) == t);
  }
}
