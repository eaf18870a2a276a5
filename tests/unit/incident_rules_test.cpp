// The incident state machine (bot/core/incident) and the severity scale (bot/core/severity).
#include <catch2/catch.hpp>

#include "bot/core/incident.hpp"
#include "bot/core/severity.hpp"

using namespace oncall;
using namespace std::chrono_literals;

namespace {

const time_point t0 = from_millis(1'795'000'000'000);

incident open_incident(std::int64_t id = 7) {
  incident inc;
  inc.id = id;
  inc.title = "HighErrorRate on checkout";
  inc.policy = "default";
  inc.opened_at = t0;
  inc.next_escalation_at = t0 + 5min;
  return inc;
}

}  // namespace

TEST_CASE("acknowledging records who and when and stops escalation", "[unit][core]") {
  auto acked = acknowledge(open_incident(), "alice", t0 + 1min);
  REQUIRE(acked);
  CHECK(acked->state == incident_state::acknowledged);
  CHECK(acked->acked_by == "alice");
  CHECK(acked->acked_at == t0 + 1min);
  CHECK_FALSE(acked->ack_until);
  CHECK_FALSE(acked->next_escalation_at);
}

TEST_CASE("an ack for a duration is a lease that ends then", "[unit][core]") {
  auto acked = acknowledge(open_incident(), "alice", t0 + 1min, duration{30min});
  REQUIRE(acked);
  CHECK(acked->ack_until == t0 + 31min);
}

TEST_CASE("acking again renews the lease but keeps the first ack time", "[unit][core]") {
  auto first = acknowledge(open_incident(), "alice", t0 + 1min, duration{30min});
  REQUIRE(first);
  auto again = acknowledge(*first, "bob", t0 + 20min, duration{1h});
  REQUIRE(again);
  CHECK(again->acked_at == t0 + 1min);
  CHECK(again->acked_by == "bob");
  CHECK(again->ack_until == t0 + 80min);

  auto without_lease = acknowledge(*again, "bob", t0 + 25min);
  REQUIRE(without_lease);
  CHECK_FALSE(without_lease->ack_until);
}

TEST_CASE("a resolved incident cannot be acknowledged", "[unit][core]") {
  auto done = resolve(open_incident(), "alice", t0 + 2min);
  REQUIRE(done);
  auto acked = acknowledge(*done, "bob", t0 + 3min);
  REQUIRE_FALSE(acked);
  CHECK(acked.err().message == "incident #7 is already resolved; nothing to acknowledge");
}

TEST_CASE("resolving closes the incident and ends leases and escalation", "[unit][core]") {
  auto acked = acknowledge(open_incident(), "alice", t0 + 1min, duration{30min});
  REQUIRE(acked);
  auto done = resolve(*acked, "bob", t0 + 2min);
  REQUIRE(done);
  CHECK(done->state == incident_state::resolved);
  CHECK_FALSE(done->open());
  CHECK(done->resolved_by == "bob");
  CHECK(done->resolved_at == t0 + 2min);
  CHECK_FALSE(done->ack_until);
  CHECK_FALSE(done->next_escalation_at);
}

TEST_CASE("resolving twice is refused", "[unit][core]") {
  auto done = resolve(open_incident(), "alice", t0);
  REQUIRE(done);
  auto twice = resolve(*done, "alice", t0 + 1s);
  REQUIRE_FALSE(twice);
  CHECK(twice.err().message == "incident #7 is already resolved");
}

TEST_CASE("escalation walks the levels, then repeats, then stops at the last one", "[unit][core]") {
  // Two levels, one repeat: (0,0) → (1,0) → (0,1) → (1,1) → refused.
  incident inc = open_incident();
  std::vector<std::pair<int, int>> seen;
  for (int i = 0; i < 3; ++i) {
    auto next = escalate(inc, 2, 1, t0);
    REQUIRE(next);
    inc = *next;
    seen.emplace_back(inc.level, inc.cycle);
  }
  CHECK(seen == std::vector<std::pair<int, int>>{{1, 0}, {0, 1}, {1, 1}});
  auto last = escalate(inc, 2, 1, t0);
  REQUIRE_FALSE(last);
  CHECK(last.err().message ==
        "incident #7 is already at the last escalation level of policy 'default'");
}

TEST_CASE("escalating an acknowledged incident pages again", "[unit][core]") {
  auto acked = acknowledge(open_incident(), "alice", t0, duration{30min});
  REQUIRE(acked);
  auto next = escalate(*acked, 2, 0, t0 + 1min);
  REQUIRE(next);
  CHECK(next->state == incident_state::triggered);
  CHECK(next->level == 1);
  CHECK_FALSE(next->ack_until);
}

TEST_CASE("escalation without a policy says how to get one", "[unit][core]") {
  auto next = escalate(open_incident(), 0, 0, t0);
  REQUIRE_FALSE(next);
  CHECK(next.err().message ==
        "incident #7 has no escalation policy; give its route a policy in the config");
}

TEST_CASE("a resolved incident is not escalated", "[unit][core]") {
  auto done = resolve(open_incident(), "alice", t0);
  REQUIRE(done);
  auto next = escalate(*done, 2, 1, t0);
  REQUIRE_FALSE(next);
  CHECK(next.err().message == "incident #7 is resolved; there is nobody left to wake");
}

TEST_CASE("severity set by hand is 1 to 4 and is remembered as set by hand", "[unit][core]") {
  auto set = set_severity(open_incident(), 1);
  REQUIRE(set);
  CHECK(set->severity == 1);
  CHECK(set->severity_set_by_hand);

  for (int bad : {0, 5, -1}) {
    auto refused = set_severity(open_incident(), bad);
    REQUIRE_FALSE(refused);
    CHECK(refused.err().field == "severity");
    CHECK(refused.err().message == "severity must be 1 (worst) to 4, not " + std::to_string(bad));
  }
}

TEST_CASE("incident states have stored names that read back", "[unit][core]") {
  for (auto s :
       {incident_state::triggered, incident_state::acknowledged, incident_state::resolved}) {
    CHECK(incident_state_from_string(to_string(s)) == s);
  }
  CHECK_FALSE(incident_state_from_string("closed"));
  CHECK(open_incident(42).display_id() == "#42");
}

TEST_CASE("source severities map to the 1-4 scale", "[unit][core]") {
  CHECK(parse_severity("critical") == 1);
  CHECK(parse_severity("CRITICAL") == 1);
  CHECK(parse_severity("error") == 2);
  CHECK(parse_severity("warning") == 3);
  CHECK(parse_severity("info") == 4);
  CHECK(parse_severity("1") == 1);
  CHECK(parse_severity("4") == 4);
  CHECK(parse_severity("SEV2") == 2);
  CHECK(parse_severity("sev3") == 3);
  for (const char* bad : {"", "0", "5", "sev5", "high", "warn", " critical"}) {
    INFO(bad);
    CHECK_FALSE(parse_severity(bad));
  }
  CHECK(severity_label(1) == "SEV1");
  CHECK(default_severity == 3);
}
