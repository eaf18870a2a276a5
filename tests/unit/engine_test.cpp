// The incident engine (bot/engine) over an in-memory store and a manual clock: alerts group
// into incidents, commands move them, escalations fire on time, and every change leaves its
// timeline entries and outbound effects behind.
#include <algorithm>
#include <catch2/catch.hpp>

#include "bot/chat/message_codec.hpp"
#include "bot/engine/announcement.hpp"
#include "engine_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

// What the room would read for each thread post of the incident, in order.
std::vector<std::string> room_posts(engine_fixture& f, std::int64_t id) {
  std::vector<std::string> out;
  for (const auto& e : f.effects_of_kind(effect_kind::thread_post)) {
    if (e.incident_id == id) out.push_back(plain_text(message_from_json(e.payload)));
  }
  return out;
}

std::string field_text(const outbound_message& m, const std::string& label) {
  for (const auto& fld : m.fields) {
    if (fld.label == label) return plain_text(fld.value);
  }
  FAIL("no field " << label);
  return {};
}

std::vector<std::string> button_ids(const outbound_message& m) {
  std::vector<std::string> out;
  for (const auto& b : m.buttons) out.push_back(b.action_id);
  return out;
}

}  // namespace

TEST_CASE("a firing group opens an incident, pages the person on call and announces it",
          "[component][engine]") {
  engine_fixture f;
  alert worst = firing("fp-2", "checkout 5xx", 2);
  worst.links = {{"runbook", "https://runbooks.example/5xx"}};
  alert other = firing("fp-1", "checkout latency", 3);
  other.links = worst.links;  // the same link twice is shown once

  auto out = f.engine.ingest(batch("g1", {other, worst}));

  REQUIRE(out.opened == std::vector<std::int64_t>{1});
  auto inc = f.get(1);
  CHECK(inc.key == "alertmanager:g1");
  CHECK(inc.title == "HighErrorRate on checkout");
  CHECK(inc.state == incident_state::triggered);
  CHECK(inc.severity == 2);
  CHECK(inc.policy == "default");
  CHECK(inc.alert_count == 2);
  CHECK(inc.firing_count == 2);
  CHECK(inc.links == std::vector<oncall::link>{{"runbook", "https://runbooks.example/5xx"}});
  CHECK(inc.next_escalation_at == test_start() + 5min);
  CHECK(f.timeline_kinds(1) == std::vector<std::string>{"alert", "page"});
  CHECK(f.store.timeline(1).back().text == "paged @U0ALICE");

  auto effects = f.store.pending_effects();
  REQUIRE(effects.size() == 2);
  CHECK(effects[0].kind == effect_kind::announce);
  CHECK(effects[0].key == "announce:1");
  CHECK(effects[0].channel == "alerts");
  // The person paged also gets a direct message, in a lane of its own.
  CHECK(effects[1].kind == effect_kind::direct_message);
  CHECK(effects[1].subject == "U0ALICE");
  CHECK(effects[1].channel == "dm:U0ALICE");
  CHECK(f.kicks == 1);
  auto sent = f.store.notifications(1);
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].person == "alice");
  CHECK(sent[0].target == "schedule:primary");
  CHECK(sent[0].reason == "on call for primary (rotation)");
}

TEST_CASE("the same alerts delivered again join the open incident and page nobody twice",
          "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "checkout 5xx")}));
  auto effects_before = f.store.count_rows("effects");
  auto timeline_before = f.store.count_rows("timeline");

  auto out = f.engine.ingest(batch("g1", {firing("fp-1", "checkout 5xx")}));

  CHECK(out.opened.empty());
  CHECK(out.updated.empty());
  CHECK(f.store.count_rows("incidents") == 1);
  CHECK(f.store.count_rows("effects") == effects_before);
  CHECK(f.store.count_rows("timeline") == timeline_before);
}

TEST_CASE("the same group key from another source is another incident", "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "checkout 5xx")}));
  auto generic = batch("g1", {firing("fp-1", "checkout 5xx")});
  generic.source = "generic";
  auto out = f.engine.ingest(generic);
  CHECK(out.opened == std::vector<std::int64_t>{2});
  CHECK(f.get(2).key == "generic:g1");
}

TEST_CASE("a new alert in the group updates the incident and its announcement",
          "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "checkout latency", 3)}));
  REQUIRE(f.effects_of_kind(effect_kind::sync).empty());

  auto out = f.engine.ingest(
      batch("g1", {firing("fp-1", "checkout latency", 3), firing("fp-2", "checkout 5xx", 1)}));

  CHECK(out.updated == std::vector<std::int64_t>{1});
  auto inc = f.get(1);
  CHECK(inc.alert_count == 2);
  CHECK(inc.firing_count == 2);
  CHECK(inc.severity == 1);
  CHECK(f.store.timeline(1).back().text == "2 of 2 alerts firing");
  CHECK(f.effects_of_kind(effect_kind::sync).size() == 1);
  CHECK(f.effects_of_kind(effect_kind::announce).size() == 1);
}

TEST_CASE("an incident resolves by itself when every alert has resolved", "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "a"), firing("fp-2", "b")}));

  auto half = f.engine.ingest(batch("g1", {resolved("fp-1", "a")}));
  CHECK(half.resolved.empty());
  CHECK(f.get(1).open());
  CHECK(f.get(1).firing_count == 1);

  auto out = f.engine.ingest(batch("g1", {resolved("fp-2", "b")}));
  CHECK(out.resolved == std::vector<std::int64_t>{1});
  auto inc = f.get(1);
  CHECK(inc.state == incident_state::resolved);
  CHECK(inc.resolved_by == "alertmanager");
  CHECK(inc.firing_count == 0);
  CHECK(inc.alert_count == 2);
  CHECK_FALSE(inc.next_escalation_at);
  CHECK(room_posts(f, 1) ==
        std::vector<std::string>{"Resolved: every alert of this incident has resolved."});
  f.clock.advance(1h);
  CHECK(f.engine.fire_due_escalations() == 0);
}

TEST_CASE("after an incident resolved, its group firing again opens a new one",
          "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "a")}));
  f.engine.ingest(batch("g1", {resolved("fp-1", "a")}));
  auto out = f.engine.ingest(batch("g1", {firing("fp-1", "a")}));
  CHECK(out.opened == std::vector<std::int64_t>{2});
  CHECK_FALSE(f.get(1).open());
  CHECK(f.get(2).open());
}

TEST_CASE("a resolve for an incident that was never opened changes nothing",
          "[component][engine]") {
  engine_fixture f;
  auto out = f.engine.ingest(batch("g1", {resolved("fp-1", "a")}));
  CHECK(out.opened.empty());
  CHECK(out.resolved.empty());
  for (const char* table : {"incidents", "alerts", "timeline", "effects"}) {
    CHECK(f.store.count_rows(table) == 0);
  }
  CHECK(f.kicks == 0);
}

TEST_CASE("a resolve for an alert the incident never saw fire is not counted",
          "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "a")}));
  f.engine.ingest(batch("g1", {firing("fp-1", "a"), resolved("fp-stranger")}));
  auto inc = f.get(1);
  CHECK(inc.alert_count == 1);
  CHECK(inc.firing_count == 1);
  CHECK(inc.open());
}

TEST_CASE("severity follows the worst alert still firing", "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "a", 1), firing("fp-2", "b", 3)}));
  CHECK(f.get(1).severity == 1);
  f.engine.ingest(batch("g1", {resolved("fp-1", "a")}));
  CHECK(f.get(1).severity == 3);
}

TEST_CASE("a firing alert sent again with a worse severity raises the incident's severity",
          "[component][engine]") {
  // A generic webhook or PagerDuty event keeps its dedup key while its severity changes.
  engine_fixture f;
  f.engine.ingest(batch("disk-full", {firing("disk-full", "disk 85% full", 3)}));
  auto out = f.engine.ingest(batch("disk-full", {firing("disk-full", "disk 98% full", 1)}));
  CHECK(out.updated == std::vector<std::int64_t>{1});
  CHECK(f.get(1).severity == 1);
  CHECK(f.store.timeline(1).back().text == "severity is now SEV1");
  CHECK(f.effects_of_kind(effect_kind::sync).size() == 1);
}

TEST_CASE("a severity set by hand is kept when the alerts change", "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "a", 3)}));
  f.store.update_incident(set_severity(f.get(1), 4).value());
  f.engine.ingest(batch("g1", {firing("fp-1", "a", 3), firing("fp-2", "b", 1)}));
  CHECK(f.get(1).severity == 4);
  CHECK(f.get(1).severity_set_by_hand);
}

TEST_CASE("paging by hand opens an incident with the given severity and pages",
          "[component][engine]") {
  engine_fixture f;
  auto inc = f.engine.page("checkout is down", 1, "", alice);
  REQUIRE(inc);
  CHECK(inc->display_id() == "#1");
  CHECK(inc->source == "manual");
  CHECK(inc->title == "checkout is down");
  CHECK(inc->severity == 1);
  CHECK(inc->policy == "default");
  CHECK(inc->alert_count == 1);
  CHECK(inc->firing_count == 1);
  CHECK(inc->key.rfind("manual:", 0) == 0);
  CHECK(f.get(1) == *inc);
  auto entries = f.store.timeline(1);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].author == "alice");
  CHECK(entries[0].text == "paged by hand: checkout is down; paging @U0ALICE");
  CHECK(f.effects_of_kind(effect_kind::announce).size() == 1);

  // The same words paged again are a second page, not a duplicate.
  auto again = f.engine.page("checkout is down", 1, "", alice);
  REQUIRE(again);
  CHECK(again->id == 2);
}

TEST_CASE("paging by hand with a policy uses that policy", "[component][engine]") {
  config c = demo_config();
  escalation_policy dba;
  dba.name = "dba";
  dba.levels = {{{{notify_target::kind::person, "bob"}}, 15min}};
  c.escalation_policies.push_back(dba);
  engine_fixture f(c);

  auto inc = f.engine.page("replication lag", 2, "dba", alice);
  REQUIRE(inc);
  CHECK(inc->policy == "dba");
  CHECK_FALSE(inc->next_escalation_at);  // one level, no repeat: nobody after bob
  CHECK(f.engine.paged_chat_users(*inc) == std::vector<std::string>{"U0BOB"});
}

TEST_CASE("paging by hand with an unknown policy is refused and stores nothing",
          "[component][engine]") {
  engine_fixture f;
  auto inc = f.engine.page("replication lag", 2, "dba", alice);
  REQUIRE_FALSE(inc);
  CHECK(inc.err().message ==
        "there is no escalation policy 'dba'; the config names them under escalation_policies");
  CHECK(f.store.count_rows("incidents") == 0);
}

TEST_CASE("acknowledging stops escalation and says so in the room", "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "a")}));
  f.clock.advance(2min);

  auto inc = f.engine.ack(1, alice, std::nullopt);
  REQUIRE(inc);
  CHECK(inc->state == incident_state::acknowledged);
  CHECK(inc->acked_by == "alice");
  CHECK(f.get(1) == *inc);
  CHECK(room_posts(f, 1) == std::vector<std::string>{"Acknowledged by @U0ALICE"});
  CHECK(f.effects_of_kind(effect_kind::sync).size() == 1);
  CHECK(f.store.timeline(1).back().text == "acknowledged");

  f.clock.advance(24h);
  CHECK(f.engine.fire_due_escalations() == 0);
  CHECK(f.get(1).level == 0);
}

TEST_CASE("an ack lease that runs out with the incident still open pages again",
          "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "a")}));
  f.clock.advance(1min);
  REQUIRE(f.engine.ack(1, alice, duration{30min}));
  CHECK(room_posts(f, 1) == std::vector<std::string>{"Acknowledged by @U0ALICE for 30m"});

  f.clock.advance(30min - 1ms);
  CHECK(f.engine.fire_due_escalations() == 0);
  CHECK(f.get(1).state == incident_state::acknowledged);

  f.clock.advance(1ms);
  CHECK(f.engine.fire_due_escalations() == 1);
  auto inc = f.get(1);
  CHECK(inc.state == incident_state::triggered);
  CHECK(inc.level == 0);  // the same level again, not the next one
  CHECK_FALSE(inc.ack_until);
  CHECK(inc.next_escalation_at == f.clock.now() + 5min);
  CHECK(room_posts(f, 1).back() ==
        "The ack lease ended and this is still open; paging again: @U0ALICE");
}

TEST_CASE("an ack without a lease after an ack with one cancels the re-page",
          "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "a")}));
  REQUIRE(f.engine.ack(1, alice, duration{30min}));
  REQUIRE(f.engine.ack(1, bob, std::nullopt));
  f.clock.advance(2h);
  CHECK(f.engine.fire_due_escalations() == 0);
  CHECK(f.get(1).acked_by == "bob");
}

TEST_CASE("nobody acknowledging escalates level by level, repeats once, then stops",
          "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "a")}));

  f.clock.advance(5min - 1ms);
  CHECK(f.engine.fire_due_escalations() == 0);
  f.clock.advance(1ms);  // level 1's 5m are up: bob
  CHECK(f.engine.fire_due_escalations() == 1);
  CHECK(f.get(1).level == 1);
  CHECK(room_posts(f, 1).back() ==
        "Escalated to level 2 by oncallbot (nobody acknowledged in time): @U0BOB");

  f.clock.advance(10min);  // level 2's 10m are up: the repeat starts at level 1 again
  CHECK(f.engine.fire_due_escalations() == 1);
  CHECK(f.get(1).level == 0);
  CHECK(f.get(1).cycle == 1);
  CHECK(room_posts(f, 1).back() ==
        "Escalated to level 1 by oncallbot (nobody acknowledged in time): @U0ALICE");

  f.clock.advance(5min);
  CHECK(f.engine.fire_due_escalations() == 1);
  CHECK(f.get(1).level == 1);
  CHECK_FALSE(f.get(1).next_escalation_at);  // the last level of the last repeat

  f.clock.advance(24h);
  CHECK(f.engine.fire_due_escalations() == 0);
  CHECK(room_posts(f, 1).size() == 3);
}

TEST_CASE("an escalation that came due while the bot was down fires once", "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "a")}));
  f.clock.advance(3h);
  CHECK(f.engine.fire_due_escalations() == 1);
  CHECK(f.get(1).level == 1);
  CHECK(f.get(1).next_escalation_at == f.clock.now() + 10min);
}

TEST_CASE("escalating by hand pages the next level now", "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "a")}));
  REQUIRE(f.engine.ack(1, alice, std::nullopt));
  f.clock.advance(1min);

  auto inc = f.engine.escalate(1, alice, "needs a DBA");
  REQUIRE(inc);
  CHECK(inc->level == 1);
  CHECK(inc->state == incident_state::triggered);
  CHECK(inc->next_escalation_at == f.clock.now() + 10min);
  CHECK(f.store.timeline(1).back().text == "escalated to level 2 (needs a DBA)");
  CHECK(room_posts(f, 1).back() == "Escalated to level 2 by alice (needs a DBA): @U0BOB");
}

TEST_CASE("the person paged follows the rotation", "[component][engine]") {
  engine_fixture f;
  f.clock.set(rotation_start() + 7 * 24h + 1h);  // bob's week
  f.engine.ingest(batch("g1", {firing("fp-1", "a")}));
  CHECK(f.store.timeline(1).back().text == "paged @U0BOB");
}

TEST_CASE("an incident no route matches pages nobody and never escalates", "[component][engine]") {
  config c = demo_config();
  c.routes.clear();
  engine_fixture f(c);
  f.engine.ingest(batch("g1", {firing("fp-1", "a")}));
  auto inc = f.get(1);
  CHECK(inc.policy.empty());
  CHECK_FALSE(inc.next_escalation_at);
  CHECK(f.store.timeline(1).back().text == "paged nobody (no escalation policy matched)");
  auto escalated = f.engine.escalate(1, alice, "");
  REQUIRE_FALSE(escalated);
  CHECK(escalated.err().message ==
        "incident #1 has no escalation policy; give its route a policy in the config");
}

TEST_CASE("resolving by hand closes the incident and records the note", "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "a")}));
  auto inc = f.engine.resolve(1, bob, "rolled back 4.2.1");
  REQUIRE(inc);
  CHECK(inc->state == incident_state::resolved);
  CHECK(inc->resolved_by == "bob");
  CHECK(f.store.timeline(1).back().text == "resolved: rolled back 4.2.1");
  CHECK(room_posts(f, 1) == std::vector<std::string>{"Resolved by @U0BOB: rolled back 4.2.1"});
  CHECK(f.engine.open_incidents().empty());
}

TEST_CASE("a resolved incident refuses ack, escalate and resolve, and nothing changes",
          "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "a")}));
  REQUIRE(f.engine.resolve(1, bob, ""));
  auto effects = f.store.count_rows("effects");
  auto timeline = f.store.count_rows("timeline");

  auto acked = f.engine.ack(1, alice, std::nullopt);
  REQUIRE_FALSE(acked);
  CHECK(acked.err().message == "incident #1 is already resolved; nothing to acknowledge");
  auto escalated = f.engine.escalate(1, alice, "");
  REQUIRE_FALSE(escalated);
  CHECK(escalated.err().message == "incident #1 is resolved; there is nobody left to wake");
  auto again = f.engine.resolve(1, alice, "");
  REQUIRE_FALSE(again);
  CHECK(again.err().message == "incident #1 is already resolved");

  CHECK(f.store.count_rows("effects") == effects);
  CHECK(f.store.count_rows("timeline") == timeline);
}

TEST_CASE("commands on an incident that does not exist say how to find one",
          "[component][engine]") {
  engine_fixture f;
  auto acked = f.engine.ack(99, alice, std::nullopt);
  REQUIRE_FALSE(acked);
  CHECK(acked.err().message == "there is no incident #99; /oncall incidents lists the open ones");
  CHECK_FALSE(f.engine.escalate(99, alice, ""));
  CHECK_FALSE(f.engine.resolve(99, alice, ""));
  CHECK_FALSE(f.engine.rate(99, alice, "actionable"));
}

TEST_CASE("a rating is recorded in the timeline; other words are refused", "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "a")}));
  REQUIRE(f.engine.resolve(1, bob, ""));
  REQUIRE(f.engine.rate(1, alice, "false_alarm"));
  CHECK(f.store.timeline(1).back().kind == "rating");
  CHECK(f.store.timeline(1).back().text == "false_alarm");
  CHECK(f.store.timeline(1).back().author == "alice");

  auto bad = f.engine.rate(1, alice, "meh");
  REQUIRE_FALSE(bad);
  CHECK(bad.err().message == "a rating is actionable, not_actionable or false_alarm, not 'meh'");
}

TEST_CASE("a delivery is applied once; its redelivery gets the first reply",
          "[component][engine]") {
  engine_fixture f;
  int runs = 0;
  auto apply = [&] {
    ++runs;
    auto inc = f.engine.page("db down", 2, "", alice);
    return "opened " + inc->display_id();
  };
  CHECK(f.engine.once("slack-command:111", apply) == "opened #1");
  CHECK(f.engine.once("slack-command:111", apply) == "opened #1");
  CHECK(runs == 1);
  CHECK(f.store.count_rows("incidents") == 1);
  CHECK(f.engine.once("slack-command:222", apply) == "opened #2");
}

TEST_CASE("a delivery that changed nothing is not remembered", "[component][engine]") {
  engine_fixture f;
  int runs = 0;
  auto refuse = [&] {
    ++runs;
    return std::string("refused");
  };
  f.engine.once("slack-command:111", refuse);
  f.engine.once("slack-command:111", refuse);
  CHECK(runs == 2);
  CHECK(f.store.count_rows("inbound") == 0);
}

TEST_CASE("a delivery that fails half-way leaves nothing and tells the outbox nothing",
          "[component][engine]") {
  engine_fixture f;
  CHECK_THROWS_WITH(f.engine.once("slack-command:111",
                                  [&]() -> std::string {
                                    auto paged = f.engine.page("db down", 2, "", alice);
                                    if (paged) throw std::runtime_error("disk full");
                                    return "not paged";
                                  }),
                    "disk full");
  CHECK(f.store.count_rows("incidents") == 0);
  CHECK(f.store.count_rows("effects") == 0);
  CHECK(f.store.count_rows("inbound") == 0);
  CHECK(f.kicks == 0);

  // The outbox hears of effects once per commit, after it.
  auto reply = f.engine.once("slack-command:222", [&] {
    bool done = f.engine.page("db down", 2, "", alice) && f.engine.ack(1, alice, std::nullopt);
    return std::string(done ? "ok" : "refused");
  });
  CHECK(reply == "ok");
  CHECK(f.kicks == 1);
}

TEST_CASE("the announcement shows what a responder needs and the buttons that fit",
          "[component][engine]") {
  engine_fixture f;
  alert a = firing("fp-1", "checkout 5xx", 2);
  a.links = {{"runbook", "https://runbooks.example/5xx"},
             {"dashboard", "https://grafana.example/d/1"}};
  f.engine.ingest(batch("g1", {a, firing("fp-2", "b")}));
  f.engine.ingest(batch("g1", {a, resolved("fp-2", "b")}));

  auto m = f.engine.announcement(f.get(1));
  CHECK(plain_text(m.headline) == "🔴 #1 SEV2 HighErrorRate on checkout");
  CHECK(field_text(m, "State") == "Triggered");
  CHECK(field_text(m, "Source") == "alertmanager");
  CHECK(field_text(m, "Alerts") == "1 firing of 2");
  CHECK(field_text(m, "Paging") == "@U0ALICE (level 1)");
  REQUIRE(m.context.size() == 1);
  CHECK(m.context[0] == rich_text{rt::link("runbook", "https://runbooks.example/5xx"),
                                  rt::text(" · "),
                                  rt::link("dashboard", "https://grafana.example/d/1")});
  CHECK(button_ids(m) == std::vector<std::string>{"ack", "escalate", "resolve"});
  for (const auto& b : m.buttons) CHECK(b.value == "1");

  REQUIRE(f.engine.ack(1, alice, duration{30min}));
  m = f.engine.announcement(f.get(1));
  CHECK(plain_text(m.headline).rfind("🟡 #1", 0) == 0);
  CHECK(field_text(m, "State") == "Acknowledged by @U0ALICE until 2026-11-24T05:30:00Z");

  REQUIRE(f.engine.resolve(1, bob, ""));
  m = f.engine.announcement(f.get(1));
  CHECK(plain_text(m.headline).rfind("✅ #1", 0) == 0);
  CHECK(field_text(m, "State") == "Resolved by @U0BOB");
  CHECK(m.fields[3].label == "Paged");
  CHECK(button_ids(m) == std::vector<std::string>{action_rate_actionable,
                                                  action_rate_not_actionable,
                                                  action_rate_false_alarm});
  REQUIRE(m.body.size() == 1);
  CHECK(plain_text(m.body[0]) == "Was this page useful? Rate it for the noise report.");
}

TEST_CASE("the announcement names a source that resolved by itself without mentioning it",
          "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "a")}));
  f.engine.ingest(batch("g1", {resolved("fp-1", "a")}));
  auto m = f.engine.announcement(f.get(1));
  const auto& state = m.fields.front().value;
  REQUIRE(state.size() == 3);
  CHECK(state[2] == rt::bold("alertmanager"));
}

TEST_CASE("the announcement mentions a chat user who is not in people by their id",
          "[component][engine]") {
  engine_fixture f;
  f.engine.ingest(batch("g1", {firing("fp-1", "a")}));
  auto inc = f.get(1);
  inc = acknowledge(inc, "U0GUEST", f.clock.now()).value();
  auto m = f.engine.announcement(inc);
  CHECK(m.fields.front().value.back() == rt::mention("U0GUEST"));
}
