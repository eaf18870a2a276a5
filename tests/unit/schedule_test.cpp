// Who is on call (bot/core/schedule) and the config lookups the engine relies on (config.hpp).
#include "bot/core/schedule.hpp"

#include <catch2/catch.hpp>

#include "engine_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

TEST_CASE("the rotation hands over at each shift boundary and wraps around", "[unit][core]") {
  const schedule primary = demo_config().schedules.front();
  const auto start = rotation_start();
  CHECK(on_call_at(primary, start) == "alice");
  CHECK(on_call_at(primary, start + 7 * 24h - 1ms) == "alice");
  CHECK(on_call_at(primary, start + 7 * 24h) == "bob");
  CHECK(on_call_at(primary, start + 14 * 24h - 1ms) == "bob");
  CHECK(on_call_at(primary, start + 14 * 24h) == "alice");
  CHECK(on_call_at(primary, start + 52 * 7 * 24h) == "alice");  // a year on: week 52 is even
  CHECK(on_call_at(primary, start + 53 * 7 * 24h) == "bob");
}

TEST_CASE("before the rotation starts its first member is on call", "[unit][core]") {
  const schedule primary = demo_config().schedules.front();
  CHECK(on_call_at(primary, rotation_start() - 1ms) == "alice");
  CHECK(on_call_at(primary, rotation_start() - 30 * 24h) == "alice");
}

TEST_CASE("an override covers its window and nothing outside it", "[unit][core]") {
  schedule primary = demo_config().schedules.front();
  const auto from = rotation_start() + 24h;
  primary.overrides.push_back({"bob", from, from + 8h});
  CHECK(on_call_at(primary, from - 1ms) == "alice");
  CHECK(on_call_at(primary, from) == "bob");
  CHECK(on_call_at(primary, from + 8h - 1ms) == "bob");
  CHECK(on_call_at(primary, from + 8h) == "alice");
}

TEST_CASE("a schedule with nobody in it has nobody on call", "[unit][core]") {
  schedule empty;
  empty.shift = 24h;
  CHECK(on_call_at(empty, test_start()).empty());
}

TEST_CASE("routes: the first matching route wins and an empty match catches all", "[unit][core]") {
  config c;
  route db;
  db.match = {{"service", "db"}, {"env", "prod"}};
  db.policy = "dba";
  route checkout;
  checkout.match = {{"service", "checkout"}};
  checkout.policy = "payments";
  route shadowed;
  shadowed.match = {{"service", "checkout"}};
  shadowed.policy = "never";
  route catch_all;
  catch_all.policy = "default";
  c.routes = {db, checkout, shadowed, catch_all};

  CHECK(c.route_policy({{"service", "db"}, {"env", "prod"}, {"team", "x"}}) == "dba");
  CHECK(c.route_policy({{"service", "db"}, {"env", "staging"}}) == "default");
  CHECK(c.route_policy({{"service", "checkout"}}) == "payments");
  CHECK(c.route_policy({}) == "default");

  c.routes = {db};
  CHECK(c.route_policy({{"service", "web"}}).empty());
}

TEST_CASE("people are found by name and by their chat id on the configured platform",
          "[unit][core]") {
  config c = demo_config();
  c.people[0].mattermost = "alice.m";
  REQUIRE(c.find_person("bob"));
  CHECK(c.find_person("bob")->slack == "U0BOB");
  CHECK_FALSE(c.find_person("carol"));
  REQUIRE(c.person_by_chat_user("U0ALICE"));
  CHECK(c.person_by_chat_user("U0ALICE")->name == "alice");
  CHECK_FALSE(c.person_by_chat_user("alice.m"));
  CHECK_FALSE(c.person_by_chat_user(""));

  c.chat.platform = chat_platform_kind::mattermost;
  REQUIRE(c.person_by_chat_user("alice.m"));
  CHECK_FALSE(c.person_by_chat_user("U0ALICE"));
  // bob has no Mattermost name: an empty chat user must not find him.
  CHECK_FALSE(c.person_by_chat_user(""));

  CHECK(c.find_policy("default"));
  CHECK_FALSE(c.find_policy("dba"));
  CHECK(c.find_schedule("primary"));
  CHECK_FALSE(c.find_schedule("secondary"));
}
