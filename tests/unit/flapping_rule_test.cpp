// The flapping rule: at least `changes` firing/resolved changes of one incident key within `window`.
#include <catch2/catch.hpp>

#include "bot/core/flapping.hpp"

using namespace oncall;

namespace {
time_point at_minutes(int m) { return time_point{} + std::chrono::minutes(m); }
}  // namespace

TEST_CASE("the fourth change within 30 minutes makes a key flapping", "[unit][flapping]") {
  flap_detector d;  // 4 changes within 30 minutes
  CHECK_FALSE(d.change("generic:disk", at_minutes(0)));   // firing
  CHECK_FALSE(d.change("generic:disk", at_minutes(2)));   // resolved
  CHECK_FALSE(d.change("generic:disk", at_minutes(4)));   // firing
  CHECK(d.change("generic:disk", at_minutes(6)));         // resolved: flapping
  CHECK(d.change("generic:disk", at_minutes(8)));
}

TEST_CASE("only changes within the last 30 minutes count towards flapping", "[unit][flapping]") {
  flap_detector d;
  CHECK_FALSE(d.change("k", at_minutes(0)));
  CHECK_FALSE(d.change("k", at_minutes(15)));
  CHECK_FALSE(d.change("k", at_minutes(30)));  // the change at 0 has left the window
  CHECK_FALSE(d.change("k", at_minutes(45)));  // 30 and 45 (15 has left too)
  CHECK_FALSE(d.change("k", at_minutes(50)));  // 30, 45, 50: three
  CHECK(d.change("k", at_minutes(55)));        // 30, 45, 50, 55: four within 30 minutes
}
