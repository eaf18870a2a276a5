// The storm rule: more than `threshold` incidents opening in one channel within `window`.
#include <catch2/catch.hpp>

#include "bot/core/storm.hpp"

using namespace oncall;

namespace {
time_point at_seconds(int s) { return time_point{} + std::chrono::seconds(s); }
}  // namespace

TEST_CASE("incidents past the threshold within the window belong to a storm", "[unit][storm]") {
  storm_detector d({3, std::chrono::seconds(60)});
  CHECK_FALSE(d.opening("#alerts", at_seconds(0)));
  CHECK_FALSE(d.opening("#alerts", at_seconds(1)));
  CHECK_FALSE(d.opening("#alerts", at_seconds(2)));
  CHECK(d.opening("#alerts", at_seconds(3)));
  CHECK(d.opening("#alerts", at_seconds(4)));
}

TEST_CASE("the storm rule counts each channel on its own", "[unit][storm]") {
  storm_detector d({2, std::chrono::seconds(60)});
  CHECK_FALSE(d.opening("#alerts", at_seconds(0)));
  CHECK_FALSE(d.opening("#alerts", at_seconds(1)));
  CHECK_FALSE(d.opening("#payments", at_seconds(2)));
  CHECK(d.opening("#alerts", at_seconds(3)));
  CHECK_FALSE(d.opening("#payments", at_seconds(4)));
}

TEST_CASE("openings older than the window no longer count", "[unit][storm]") {
  storm_detector d({2, std::chrono::seconds(60)});
  CHECK_FALSE(d.opening("#alerts", at_seconds(0)));
  CHECK_FALSE(d.opening("#alerts", at_seconds(30)));
  CHECK_FALSE(d.opening("#alerts", at_seconds(70)));  // the one at 0 has left the window
  CHECK(d.opening("#alerts", at_seconds(71)));        // 30, 70 and 71: three within a minute
}
