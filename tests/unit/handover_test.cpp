// Shift handovers (bot/engine/handover_engine, shift_summary) over simulated weeks: handoffs by
// rotation and by override, the summary's counts, reminders, "I have it", and a bot that was
// down across a handoff.
#include <catch2/catch.hpp>

#include "bot/chat/message_codec.hpp"
#include "bot/engine/handover_engine.hpp"
#include "bot/engine/shift_summary.hpp"
#include "engine_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

config handover_config() {
  auto c = demo_config();
  c.schedules[0].handover_channel = "#oncall";
  c.schedules[0].handover_accept = 15min;
  return c;
}

struct handover_fixture : engine_fixture {
  handover_fixture() : engine_fixture(handover_config()) {}
  handover_engine handovers{engine};

  std::vector<effect> channel_posts() { return effects_of_kind(effect_kind::channel_post); }
  std::vector<std::string> texts(effect_kind kind) {
    std::vector<std::string> out;
    for (const auto& e : effects_of_kind(kind)) out.push_back(plain_text(message_from_json(e.payload)));
    return out;
  }
  void complete_all() {
    for (const auto& e : store.pending_effects()) store.complete_effect(e.id, clock.now());
  }
};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("the first look at a schedule remembers who is on call and posts nothing", "[handover]") {
  handover_fixture f;
  CHECK(f.handovers.tick() == 0);
  auto state = f.store.find_schedule_state("primary");
  REQUIRE(state);
  CHECK(state->person == "alice");
  CHECK(state->since == rotation_start());
  CHECK(f.store.pending_effects().empty());
}

TEST_CASE("a rotation handoff posts the handover with the shift's summary and DMs the incoming person",
          "[handover]") {
  handover_fixture f;
  f.handovers.tick();
  // During alice's shift: two pages of the same alert, one acked after 4 minutes and resolved.
  auto first = f.engine.ingest(batch("g1", {firing("fp1", "Disk full")}, "Disk full")).opened.at(0);
  f.clock.advance(4min);
  REQUIRE(f.engine.ack(first, alice, std::nullopt));
  REQUIRE(f.engine.resolve(first, alice, ""));
  f.clock.set(at("2026-11-28T23:30:00Z"));  // Saturday night
  f.engine.ingest(batch("g2", {firing("fp2", "Disk full")}, "Disk full"));
  f.complete_all();

  f.clock.set(at("2026-11-30T09:00:00.100Z"));
  CHECK(f.handovers.tick() == 1);
  CHECK(f.handovers.tick() == 0);  // once per handoff

  auto posts = f.channel_posts();
  REQUIRE(posts.size() == 1);
  CHECK(posts[0].channel == "#oncall");
  CHECK(posts[0].subject == "handover:1");
  auto text = plain_text(message_from_json(posts[0].payload));
  CHECK(contains(text, "Shift handover for primary: @U0ALICE → @U0BOB"));
  CHECK(contains(text, "Pages: 2 (2 at night, 1 on weekends)"));  // 05:00 and Saturday 23:30 UTC
  CHECK(contains(text, "Incidents: 2 opened, 1 resolved, 1 still open"));
  CHECK(contains(text, "Median time to ack: 4m"));
  CHECK(contains(text, "Noisiest alerts: Disk full ×2"));
  auto dms = f.effects_of_kind(effect_kind::direct_message);
  REQUIRE(dms.size() == 1);
  CHECK(dms[0].subject == "U0BOB");

  auto state = f.store.find_schedule_state("primary");
  CHECK(state->person == "bob");
  CHECK(state->since == at("2026-11-30T09:00:00Z"));
}

TEST_CASE("notes left with /oncall handover ride on the next handover only", "[handover]") {
  handover_fixture f;
  f.handovers.tick();
  f.handovers.leave_note(f.cfg->schedules[0], alice, "db failover is flaky, see OPS-12");
  f.clock.set(at("2026-11-30T09:00:01Z"));
  f.handovers.tick();
  CHECK(contains(f.texts(effect_kind::channel_post).at(0), "alice: db failover is flaky, see OPS-12"));
  f.complete_all();
  f.clock.set(at("2026-12-07T09:00:01Z"));
  f.handovers.tick();
  CHECK_FALSE(contains(f.texts(effect_kind::channel_post).at(0), "db failover"));
}

TEST_CASE("an unaccepted handover reminds the incoming person, then tells the outgoing one", "[handover]") {
  handover_fixture f;
  f.handovers.tick();
  f.clock.set(at("2026-11-30T09:00:01Z"));
  f.handovers.tick();
  f.complete_all();

  f.clock.advance(14min);
  CHECK(f.handovers.tick() == 0);
  f.clock.advance(1min);
  CHECK(f.handovers.tick() == 1);
  CHECK(contains(f.texts(effect_kind::channel_post).at(0), "Reminder: @U0BOB"));
  CHECK(f.effects_of_kind(effect_kind::direct_message).at(0).subject == "U0BOB");
  f.complete_all();

  f.clock.advance(15min);
  CHECK(f.handovers.tick() == 1);
  CHECK(contains(f.texts(effect_kind::channel_post).at(0), "@U0ALICE: nobody has confirmed"));
  CHECK(f.effects_of_kind(effect_kind::direct_message).at(0).subject == "U0ALICE");
  f.complete_all();

  f.clock.advance(1h);
  CHECK(f.handovers.tick() == 0);
}

TEST_CASE("I have it stops the reminders, and only the incoming person may press it", "[handover]") {
  handover_fixture f;
  f.handovers.tick();
  f.clock.set(at("2026-11-30T09:00:01Z"));
  f.handovers.tick();
  f.complete_all();

  auto refused = f.handovers.accept(1, alice);
  REQUIRE_FALSE(refused);
  CHECK(contains(refused.err().message, "only they can press I have it"));
  CHECK_FALSE(f.handovers.accept(99, bob));

  REQUIRE(f.handovers.accept(1, bob));
  CHECK(contains(f.texts(effect_kind::channel_post).at(0), "@U0BOB has the pager for primary"));
  CHECK_FALSE(f.handovers.accept(1, bob));  // already accepted
  f.complete_all();
  f.clock.advance(2h);
  CHECK(f.handovers.tick() == 0);
  CHECK(f.store.pending_effects().empty());
}

TEST_CASE("a bot that was down across a handoff posts one handover when it is back", "[handover]") {
  handover_fixture f;
  f.handovers.tick();
  f.clock.set(at("2026-12-01T12:00:00Z"));  // a day after the 09:00 Monday handoff
  CHECK(f.handovers.tick() == 1);
  CHECK(f.handovers.tick() == 0);
  auto h = f.store.find_handover(1);
  REQUIRE(h);
  CHECK(h->shift_from == rotation_start());
  CHECK(h->shift_to == at("2026-11-30T09:00:00Z"));
}

TEST_CASE("an override from chat hands over at its start and back at its end", "[handover]") {
  handover_fixture f;
  f.handovers.tick();
  f.store.insert_override({0, "primary", "bob", test_start() + 1h, test_start() + 3h, "alice", test_start()});
  f.clock.advance(1h);
  CHECK(f.handovers.tick() == 1);
  CHECK(f.store.find_handover(1)->incoming == "bob");
  f.clock.advance(2h);
  f.handovers.tick();  // also reminds about the first handover, which nobody accepted
  REQUIRE(f.store.find_handover(2));
  CHECK(f.store.find_handover(2)->incoming == "alice");
  CHECK_FALSE(f.store.find_handover(3));
}

TEST_CASE("a page's night and weekend are read in the person's own time zone", "[handover]") {
  // 22:30 UTC on a Friday is 23:30 in Berlin (night) and 17:30 in New York (neither).
  auto t = at("2026-11-27T22:30:00Z");
  CHECK(at_night(t, "Europe/Berlin"));
  CHECK_FALSE(at_night(t, "America/New_York"));
  CHECK_FALSE(on_weekend(t, "Europe/Berlin"));
  // 23:30 UTC Saturday is already Sunday 00:30 in Berlin, and still Saturday in New York.
  CHECK(on_weekend(at("2026-11-28T23:30:00Z"), "Europe/Berlin"));
  CHECK(on_weekend(at("2026-11-28T23:30:00Z"), "America/New_York"));
  CHECK_FALSE(on_weekend(at("2026-11-30T06:00:00Z"), "America/New_York"));  // Monday 01:00
}
