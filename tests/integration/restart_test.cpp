// Nothing acknowledged is lost, nothing is announced twice: kill -9 at the worst moments, then
// restart and look at the channel.
#include <catch2/catch.hpp>

#include <thread>

#include "harness.hpp"
#include "slack_view.hpp"

using namespace oncall::testing;

namespace {

const char* page_body = R"({"title":"Payments API 5xx","severity":"critical","dedup_key":"payments-5xx"})";

std::size_t announcements(chatsim& sim) { return top_level(sim.bot_messages("alerts")).size(); }

}  // namespace

TEST_CASE("kill -9 between an alert and its announcement: after restart there is exactly one announcement",
          "[integration][fault]") {
  scratch_dir dir("kill-before-announce");
  chatsim sim(dir.path());
  bot b(dir.path(), sim);
  b.start();
  REQUIRE(b.wait_ready());
  // chatsim swallows chat.postMessage: the bot has committed the page but cannot announce it.
  sim.post("/_sim/faults", {{"method", "chat.postMessage"}, {"mode", "hang"}});
  auto res = b.post("/webhooks/generic", page_body);
  REQUIRE(res);
  REQUIRE(res->status == 200);  // answered only after the commit
  REQUIRE(eventually([&] { return sim.get("/_sim/stats")["api_calls"].value("chat.postMessage", 0) >= 1; }));
  b.kill9();
  sim.del("/_sim/faults");
  CHECK(announcements(sim) == 0);

  b.start();
  REQUIRE(b.wait_ready());
  REQUIRE(eventually([&] { return announcements(sim) == 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  CHECK(announcements(sim) == 1);
  CHECK(b.count("incidents") == 1);
}

TEST_CASE("kill -9 between a slash command and its ack: the redelivered command takes effect once",
          "[integration][fault]") {
  scratch_dir dir("kill-before-ack");
  chatsim sim(dir.path(), {"--ack-timeout-ms", "1000"});
  bot b(dir.path(), sim);
  b.start();
  REQUIRE(b.wait_ready());
  REQUIRE(b.post("/webhooks/generic", page_body)->status == 200);
  REQUIRE(eventually([&] { return announcements(sim) == 1; }));
  auto page = top_level(sim.bot_messages("alerts"))[0];

  // The envelope reaches a bot that never reads it: frozen, then killed.
  b.pause();
  auto sent = sim.command("U0ALICE", "alerts", "ack 1", 0);
  REQUIRE_FALSE(sent.value("acked", true));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  b.kill9();

  b.start();
  REQUIRE(b.wait_ready());
  auto envelope = "/_sim/envelopes/" + sent["trigger_id"].get<std::string>();
  REQUIRE(eventually([&] { return sim.get(envelope).value("acked", false); }, std::chrono::seconds(15)));
  REQUIRE(eventually([&] { return contains(visible_text(top_level(sim.bot_messages("alerts"))[0]), "Acknowledged"); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  auto acks = 0;
  for (const auto& m : replies_to(sim.bot_messages("alerts"), page["ts"])) {
    if (contains(visible_text(m), "Acknowledged by")) ++acks;
  }
  CHECK(acks == 1);
  CHECK(announcements(sim) == 1);
}

TEST_CASE("a dropped socket and a refresh request reconnect without losing a command",
          "[integration][fault]") {
  scratch_dir dir("reconnect");
  chatsim sim(dir.path());
  bot b(dir.path(), sim);
  b.start();
  REQUIRE(b.wait_ready());
  auto opened = [&] { return sim.get("/_sim/stats").value("connections_opened", 0); };
  int first = opened();

  sim.post("/_sim/slack/drop_sockets", json::object());
  auto after_drop = sim.command("U0ALICE", "alerts", "incidents", 15000);
  CHECK(after_drop.value("acked", false));
  CHECK(opened() == first + 1);

  sim.post("/_sim/slack/disconnect", {{"reason", "refresh_requested"}});
  REQUIRE(eventually([&] { return opened() == first + 2; }));
  auto after_refresh = sim.command("U0ALICE", "alerts", "incidents", 15000);
  CHECK(after_refresh.value("acked", false));
  CHECK(contains(b.log(), "disconnect requested (refresh_requested)"));
}
