// /oncall override, /oncall handover and /oncall why, typed against the real engine and an
// in-memory store: what the caller reads back, and that refused input changes nothing.
#include <catch2/catch.hpp>

#include "bot/chat/message_codec.hpp"
#include "bot/core/schedule.hpp"
#include "handler_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("an override from chat puts the person on call for that time", "[handlers][rota]") {
  handler_fixture f;
  auto reply = f.run(alice, "override <@U0BOB|bob> 2026-11-24T06:00:00Z 8h");
  CHECK(reply.in_channel);
  CHECK(plain_text(reply.message) ==
        "@U0BOB is on call for primary from 2026-11-24T06:00:00Z to 2026-11-24T14:00:00Z "
        "(override set by alice).");
  auto s = f.engine.effective_schedule(f.cfg->schedules[0]);
  CHECK(on_call_at(s, at("2026-11-24T07:00:00Z")) == "bob");
  CHECK(on_call_at(s, at("2026-11-24T14:00:00Z")) == "alice");
  CHECK(contains(f.say(alice, "who"), "primary: @U0ALICE"));
  f.clock.set(at("2026-11-24T07:00:00Z"));
  CHECK(contains(f.say(alice, "who"), "primary: @U0BOB"));
}

TEST_CASE("overrides accept now, mentions in every form, and an explicit schedule", "[handlers][rota]") {
  handler_fixture f;
  CHECK(f.run(alice, "override @bob now 1h primary").in_channel);
  CHECK(f.run(alice, "override U0BOB 2026-11-25T00:00:00Z 2026-11-25T01:00:00Z").in_channel);
  CHECK(f.store.overrides("primary").size() == 2);
}

TEST_CASE("bad overrides say what is wrong and change nothing", "[handlers][rota]") {
  handler_fixture f;
  REQUIRE(f.run(alice, "override @bob 2026-11-24T06:00:00Z 2026-11-24T10:00:00Z").in_channel);
  auto before = f.footprint();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"override @bob 2026-11-24T12:00:00Z 2026-11-24T11:00:00Z", "is not after the start"},
      {"override @mallory now 1h", "'@mallory' is not in oncallbot's people list"},
      {"override @bob now 1h tertiary", "there is no schedule 'tertiary'"},
      {"override @alice 2026-11-24T09:00:00Z 2026-11-24T12:00:00Z", "overlaps the override of bob"},
      {"override @bob yesterday 1h", "'yesterday' is not a time"},
      {"override @bob now soon", "'soon' is neither a time"},
      {"override @bob 2026-11-01T00:00:00Z 1h", "that override is over already"},
      {"override @bob now", "override needs a person, a start and an end"},
  };
  for (const auto& [text, why] : cases) {
    INFO(text);
    auto said = f.say(alice, text);
    CHECK(contains(said, why));
    CHECK(contains(said, "Usage: /oncall override @user <from> <to> [schedule]"));
  }
  CHECK(contains(f.say(stranger, "override @bob now 1h"), "not in oncallbot's people list"));
  CHECK(f.footprint() == before);
}

TEST_CASE("/oncall handover with a note keeps it, without one posts the handover now", "[handlers][rota]") {
  auto c = demo_config();
  c.schedules[0].handover_channel = "#oncall";
  handler_fixture f(c);
  CHECK(f.say(alice, "handover watch the db replica lag") == "Noted for the next handover of primary.");
  CHECK(f.store.waiting_handover_notes("primary").size() == 1);
  CHECK(f.say(alice, "handover") == "Posted the handover of primary.");
  auto posts = f.effects_of_kind(effect_kind::channel_post);
  REQUIRE(posts.size() == 1);
  auto text = plain_text(message_from_json(posts[0].payload));
  CHECK(contains(text, "Shift handover for primary: @U0ALICE → @U0BOB"));
  CHECK(contains(text, "alice: watch the db replica lag"));
  CHECK(f.store.waiting_handover_notes("primary").empty());
}

TEST_CASE("/oncall why replays who was notified at each level and why not the others", "[handlers][rota]") {
  auto c = demo_config();
  c.people.push_back({.name = "carol", .slack = "U0CAROL"});
  c.schedules[0].members.push_back("carol");
  handler_fixture f(c);
  auto id = f.incident_announced_at("1700000001.000100");
  f.clock.advance(5min);
  REQUIRE(f.engine.fire_due_escalations() == 1);
  auto text = f.say(alice, "why " + std::to_string(id));
  CHECK(contains(text, "Escalation of #1 (policy default)"));
  CHECK(contains(text, "2026-11-24T05:00:00Z level 1: @U0ALICE — on call for primary (rotation)"));
  CHECK(contains(text, "2026-11-24T05:05:00Z level 2: @U0BOB — named in level 2 of policy default"));
  CHECK(contains(text, "carol was not notified: a member of primary, but alice was on call for it"));
  CHECK(contains(text, "Next escalation due at 2026-11-24T05:15:00Z"));
  REQUIRE(f.engine.ack(id, bob, std::nullopt));
  CHECK(contains(f.say(alice, "why"), "Escalation stopped: acknowledged by bob"));
  CHECK(contains(f.say(alice, "why 99"), "there is no incident #99"));
}
