// Weekly rotations hand over at the same local time across daylight-saving changes.
#include <catch2/catch.hpp>

#include "bot/core/schedule.hpp"

using namespace oncall;

namespace {

schedule weekly(const std::string& zone, const std::string& start) {
  schedule s;
  s.name = "primary";
  s.timezone = zone;
  s.start = *parse_iso8601(start);
  s.shift = std::chrono::hours(24 * 7);
  s.members = {"alice", "bob"};
  return s;
}

time_point at(const std::string& iso) { return *parse_iso8601(iso); }

}  // namespace

TEST_CASE("a Berlin weekly rotation hands over at 09:00 local before and after summer time", "[unit][schedule]") {
  auto s = weekly("Europe/Berlin", "2026-03-23T09:00:00+01:00");  // Monday, winter time
  // Summer time starts 2026-03-29: the next handoff is Monday 2026-03-30 09:00 CEST = 07:00Z.
  CHECK(on_call_at(s, at("2026-03-30T06:59:00Z")) == "alice");
  CHECK(on_call_at(s, at("2026-03-30T07:00:00Z")) == "bob");
  // Back to winter time 2026-10-25: Monday 2026-10-26 09:00 CET = 08:00Z, 31 weeks after start.
  CHECK(on_call_at(s, at("2026-10-26T07:59:00Z")) == "alice");
  CHECK(on_call_at(s, at("2026-10-26T08:00:00Z")) == "bob");
}

TEST_CASE("a New York weekly rotation hands over at 09:00 local across both DST changes", "[unit][schedule]") {
  auto s = weekly("America/New_York", "2026-03-02T09:00:00-05:00");  // Monday, EST
  // DST starts 2026-03-08: handoff Monday 2026-03-09 09:00 EDT = 13:00Z.
  CHECK(on_call_at(s, at("2026-03-09T12:59:00Z")) == "alice");
  CHECK(on_call_at(s, at("2026-03-09T13:00:00Z")) == "bob");
  // DST ends 2026-11-01: Monday 2026-11-02 09:00 EST = 14:00Z, 35 weeks after start.
  CHECK(on_call_at(s, at("2026-11-02T13:59:00Z")) == "alice");
  CHECK(on_call_at(s, at("2026-11-02T14:00:00Z")) == "bob");
}

TEST_CASE("second-long test shifts count absolute time, and overrides win", "[unit][schedule]") {
  schedule s;
  s.timezone = "Europe/Berlin";
  s.start = at("2026-11-24T00:00:00Z");
  s.shift = std::chrono::seconds(10);
  s.members = {"alice", "bob", "carol"};
  CHECK(on_call_at(s, at("2026-11-24T00:00:25Z")) == "carol");
  CHECK(on_call_at(s, at("2026-11-24T00:00:30Z")) == "alice");
  s.overrides.push_back({"dave", at("2026-11-24T00:00:29Z"), at("2026-11-24T00:00:31Z")});
  CHECK(on_call_at(s, at("2026-11-24T00:00:30Z")) == "dave");
  CHECK(on_call_at(s, at("2026-11-24T00:00:31Z")) == "alice");
}
