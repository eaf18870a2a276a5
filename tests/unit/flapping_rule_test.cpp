// The flapping rule: at least `changes` firing/resolved changes of one incident key within `window`.
#include <catch2/catch.hpp>

#include "bot/core/flapping.hpp"

using namespace oncall;

namespace {
time_point at_minutes(int m) { return time_point{} + std::chrono::minutes(m); }
}  // namespace

TEST_CASE("the sixth change within 30 minutes makes a key flapping", "[unit][flapping]") {
  flap_detector d;  // 6 changes within 30 minutes
  CHECK_FALSE(d.change("generic:disk", at_minutes(0)));   // firing
  CHECK_FALSE(d.change("generic:disk", at_minutes(2)));   // resolved
  CHECK_FALSE(d.change("generic:disk", at_minutes(4)));   // firing again: a new page
  CHECK_FALSE(d.change("generic:disk", at_minutes(6)));   // resolved: still an ordinary resolve
  CHECK_FALSE(d.change("generic:disk", at_minutes(8)));   // firing
  CHECK(d.change("generic:disk", at_minutes(10)));        // resolved: flapping
  CHECK(d.change("generic:disk", at_minutes(12)));
}

TEST_CASE("only changes within the last 30 minutes count towards flapping", "[unit][flapping]") {
  flap_detector d;
  CHECK_FALSE(d.change("k", at_minutes(0)));
  CHECK_FALSE(d.change("k", at_minutes(15)));
  CHECK_FALSE(d.change("k", at_minutes(30)));  // the change at 0 has left the window
  CHECK_FALSE(d.change("k", at_minutes(45)));  // 30 and 45 (15 has left too)
  CHECK_FALSE(d.change("k", at_minutes(50)));  // 30, 45, 50: three
  CHECK_FALSE(d.change("k", at_minutes(52)));  // four
  CHECK_FALSE(d.change("k", at_minutes(54)));  // five
  CHECK(d.change("k", at_minutes(56)));        // 30, 45, 50, 52, 54, 56: six within 30 minutes
}
