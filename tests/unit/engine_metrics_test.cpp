// The engine's counts for GET /metrics: alerts by source, pages, escalations and their
// lateness, time to ack and commit times, from the engine's own clock.
#include <catch2/catch.hpp>

#include "bot/http/metrics_registry.hpp"
#include "engine_test_support.hpp"

using namespace oncall;
using namespace oncall::test;
using namespace std::chrono_literals;

TEST_CASE("the engine counts alerts, pages, escalations, lateness and time to ack",
          "[component][engine][metrics]") {
  engine_fixture f;
  bot_metrics m;
  f.engine.set_metrics(m);

  f.engine.ingest(batch("g1", {firing("fp-1", "a"), firing("fp-2", "b")}));
  CHECK(m.alerts_received.value("alertmanager") == 2);  // alerts, not requests
  const auto pages_at_open = m.pages.value();
  CHECK(pages_at_open == f.effects_of_kind(effect_kind::direct_message).size() +
                             f.effects_of_kind(effect_kind::notify).size());
  CHECK(pages_at_open >= 1);
  CHECK(m.storage_commit.snapshot().count >= 1);

  // Level 1 is due after 5 minutes; the timer looks 30 s late.
  f.clock.advance(5min + 30s);
  REQUIRE(f.engine.fire_due_escalations() == 1);
  CHECK(m.escalations.value() == 1);
  CHECK(m.pages.value() > pages_at_open);  // bob, named in level 2
  const auto lateness = m.escalation_lateness.snapshot();
  CHECK(lateness.count == 1);
  CHECK(lateness.sum == Approx(30.0));

  f.clock.advance(1min);
  REQUIRE(f.engine.ack(1, alice, std::nullopt));
  const auto ack = m.time_to_ack.snapshot();
  CHECK(ack.count == 1);
  CHECK(ack.sum == Approx(390.0));  // 6.5 minutes after the incident opened

  // A refused ack (no such incident) observes nothing.
  CHECK_FALSE(f.engine.ack(99, alice, std::nullopt));
  CHECK(m.time_to_ack.snapshot().count == 1);
}
