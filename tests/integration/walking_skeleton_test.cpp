// End to end on Slack: a real Alertmanager pages through oncallbot into chatsim; responders ack
// with the slash command and with the button; Alertmanager's resolve resolves the incident.
#include <catch2/catch.hpp>

#include "harness.hpp"
#include "slack_view.hpp"

using namespace oncall::testing;

namespace {

json labels(const std::string& name) {
  return {{"alertname", name}, {"cluster", "prod"}, {"instance", "web-1:9100"}, {"severity", "critical"}};
}

json annotations(const std::string& name) {
  return {{"summary", name + " on web-1:9100"}, {"runbook_url", "https://runbooks.example.com/" + name}};
}

// The announcement of incident `id` (the bot's top-level message naming it), or null.
json announcement(chatsim& sim, int id) {
  for (const auto& m : top_level(sim.bot_messages("alerts"))) {
    if (contains(visible_text(m), "#" + std::to_string(id) + " SEV")) return m;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("an Alertmanager page is announced, acked by command and by button, and resolved by Alertmanager",
          "[integration]") {
  if (!has_alertmanager()) {
    WARN("skipped: prometheus-alertmanager is not installed (scripts/setup installs it)");
    return;
  }
  scratch_dir dir("walking-skeleton");
  chatsim sim(dir.path());
  bot b(dir.path(), sim);
  b.start();
  REQUIRE(b.wait_ready());
  alertmanager am(dir.path(), b.webhook_url("/webhooks/alertmanager"));

  am.fire(labels("HighCPU"), annotations("HighCPU"));
  REQUIRE(eventually([&] { return !announcement(sim, 1).is_null(); }, std::chrono::seconds(15)));
  auto page = announcement(sim, 1);
  auto seen = visible_text(page);
  CHECK(contains(seen, "SEV1"));
  CHECK(contains(seen, "HighCPU on web-1:9100"));
  CHECK(contains(seen, "<@U0ALICE>"));  // on call in schedule primary, level 1
  CHECK(contains(seen, "https://runbooks.example.com/HighCPU"));
  CHECK(has_button(page, "ack"));
  CHECK(has_button(page, "escalate"));
  CHECK(has_button(page, "resolve"));

  SECTION("acked with /oncall ack") {
    auto reply = sim.command("U0ALICE", "alerts", "ack 1");
    REQUIRE(reply.value("acked", false));
    CHECK(contains(reply["ack_payload"].dump(), "You acknowledged"));
  }
  SECTION("acked with the Ack button") {
    auto reply = sim.click("U0ALICE", "alerts", page["ts"], "ack");
    REQUIRE(reply.value("acked", false));
  }
  REQUIRE(eventually([&] { return contains(visible_text(announcement(sim, 1)), "Acknowledged"); }));
  REQUIRE(eventually([&] { return replies_to(sim.bot_messages("alerts"), page["ts"]).size() == 1; }));
  auto thread = replies_to(sim.bot_messages("alerts"), page["ts"]);
  CHECK(contains(visible_text(thread[0]), "Acknowledged by <@U0ALICE>"));

  am.resolve(labels("HighCPU"), annotations("HighCPU"));
  REQUIRE(eventually([&] { return contains(visible_text(announcement(sim, 1)), "Resolved"); },
                     std::chrono::seconds(15)));
  auto resolved = announcement(sim, 1);
  CHECK(has_button(resolved, "rate_actionable"));
  CHECK_FALSE(has_button(resolved, "ack"));
  CHECK(b.count("incidents") == 1);
  INFO(sim.transcript());
  CHECK(top_level(sim.bot_messages("alerts")).size() == 1);  // updated in place, never reposted
}

TEST_CASE("alerts with the same group key join one open incident instead of paging again",
          "[integration]") {
  scratch_dir dir("dedup");
  chatsim sim(dir.path());
  bot b(dir.path(), sim);
  b.start();
  REQUIRE(b.wait_ready());
  auto body = [](const std::string& status) {
    return json{{"title", "Checkout latency"}, {"severity", "error"}, {"dedup_key", "checkout-latency"},
                {"status", status}, {"source", "synthetic"}}.dump();
  };
  REQUIRE(b.post("/webhooks/generic", body("firing"))->status == 200);
  REQUIRE(b.post("/webhooks/generic", body("firing"))->status == 200);
  REQUIRE(eventually([&] { return !announcement(sim, 1).is_null(); }));
  CHECK(b.count("incidents") == 1);
  REQUIRE(b.post("/webhooks/generic", body("resolved"))->status == 200);
  REQUIRE(eventually([&] { return contains(visible_text(announcement(sim, 1)), "Resolved"); }));
  REQUIRE(b.post("/webhooks/generic", body("firing"))->status == 200);
  REQUIRE(eventually([&] { return !announcement(sim, 2).is_null(); }));  // a new page after resolve
  CHECK(b.count("incidents") == 2);
}

TEST_CASE("escalate and resolve from chat update the announcement and mention the next level",
          "[integration]") {
  scratch_dir dir("escalate");
  chatsim sim(dir.path());
  bot b(dir.path(), sim);
  b.start();
  REQUIRE(b.wait_ready());
  REQUIRE(sim.command("U0CAROL", "alerts", "page \"Database is on fire\" --sev 1").value("acked", false));
  REQUIRE(eventually([&] { return !announcement(sim, 1).is_null(); }));
  auto page = announcement(sim, 1);
  CHECK(contains(visible_text(page), "Database is on fire"));

  auto escalated = sim.click("U0CAROL", "alerts", page["ts"], "escalate");
  REQUIRE(escalated.value("acked", false));
  REQUIRE(eventually([&] {
    for (const auto& m : replies_to(sim.bot_messages("alerts"), page["ts"])) {
      if (contains(visible_text(m), "Escalated to level 2") && contains(visible_text(m), "<@U0BOB>")) return true;
    }
    return false;
  }));
  auto resolved = sim.command("U0BOB", "alerts", "resolve 1 fixed the disk");
  CHECK(contains(resolved["ack_payload"].dump(), "You resolved"));
  REQUIRE(eventually([&] { return contains(visible_text(announcement(sim, 1)), "Resolved"); }));
  auto list = sim.command("U0BOB", "alerts", "incidents");
  CHECK(contains(list["ack_payload"].dump(), "No open incidents"));
}
