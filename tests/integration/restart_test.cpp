// Nothing acknowledged is lost, nothing is announced twice: kill -9 at the worst moments, then
// restart and look at the channel. Runs on both platforms.
#include <catch2/catch.hpp>

#include <thread>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

const char* page_body = R"({"title":"Payments API 5xx","severity":"critical","dedup_key":"payments-5xx"})";

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

int acks_in_thread(chat_view& chat, const std::string& ref) {
  int acks = 0;
  for (const auto& m : chat.replies("alerts", ref)) {
    if (contains(m.text, "Acknowledged by")) ++acks;
  }
  return acks;
}

}  // namespace

TEMPLATE_TEST_CASE("kill -9 between an alert and its announcement: after restart there is exactly one announcement",
                   "[integration][fault]", ONCALL_PLATFORMS) {
  TestType w("kill-before-announce");
  w.start();
  REQUIRE(w.b.wait_ready());
  // chatsim swallows posts: the bot has committed the page but cannot announce it.
  w.chat.hang_posts();
  auto res = w.b.post("/webhooks/generic", page_body);
  REQUIRE(res);
  REQUIRE(res->status == 200);  // answered only after the commit
  REQUIRE(eventually([&] { return w.chat.post_calls() >= 1; }));
  w.b.kill9();
  w.chat.clear_faults();
  CHECK(w.chat.top_level("alerts").empty());

  w.start();
  REQUIRE(w.b.wait_ready());
  REQUIRE(eventually([&] { return w.chat.top_level("alerts").size() == 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  CHECK(w.chat.top_level("alerts").size() == 1);
  CHECK(w.b.count("incidents") == 1);
}

TEST_CASE("kill -9 between a slash command and its ack: Slack redelivers it and it takes effect once",
          "[integration][fault]") {
  slack_world w("kill-before-ack", {"--ack-timeout-ms", "1000"});
  w.start();
  REQUIRE(w.b.wait_ready());
  REQUIRE(w.b.post("/webhooks/generic", page_body)->status == 200);
  REQUIRE(eventually([&] { return w.chat.top_level("alerts").size() == 1; }));
  REQUIRE(eventually([&] { return w.b.announcement_stored(1); }));
  auto page = w.chat.top_level("alerts")[0];

  // The envelope reaches a bot that never reads it: frozen, then killed.
  w.b.pause();
  auto sent = w.sim.command("U0ALICE", "alerts", "ack 1", 0);
  REQUIRE_FALSE(sent.value("acked", true));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  w.b.kill9();

  w.start();
  REQUIRE(w.b.wait_ready());
  auto envelope = "/_sim/envelopes/" + sent["trigger_id"].get<std::string>();
  REQUIRE(eventually([&] { return w.sim.get(envelope).value("acked", false); }, std::chrono::seconds(15)));
  REQUIRE(eventually([&] { return contains(w.chat.top_level("alerts")[0].text, "Acknowledged"); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  CHECK(acks_in_thread(w.chat, page.ref) == 1);
  CHECK(w.chat.top_level("alerts").size() == 1);
}

TEST_CASE("kill -9 while Mattermost waits for a slash command: the user sees it failed, and the retry takes effect once",
          "[integration][fault]") {
  // Mattermost does not redeliver a command; it shows the failure and the person tries again.
  mattermost_world w("kill-during-command");
  w.start();
  REQUIRE(w.b.wait_ready());
  REQUIRE(w.b.post("/webhooks/generic", page_body)->status == 200);
  REQUIRE(eventually([&] { return w.chat.top_level("alerts").size() == 1; }));
  REQUIRE(eventually([&] { return w.b.announcement_stored(1); }));
  auto page = w.chat.top_level("alerts")[0];

  w.b.pause();
  std::thread killer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    w.b.kill9();
  });
  auto lost = w.chat.command("alice", "alerts", "ack 1");
  killer.join();
  CHECK_FALSE(lost.answered);
  CHECK(w.b.count("timeline") == 2);  // alert + page: the ack never happened

  w.start();
  REQUIRE(w.b.wait_ready());
  auto retried = w.chat.command("alice", "alerts", "ack 1");
  REQUIRE(retried.answered);
  REQUIRE(eventually([&] { return contains(w.chat.top_level("alerts")[0].text, "Acknowledged"); }));
  REQUIRE(eventually([&] { return acks_in_thread(w.chat, page.ref) == 1; }));
}

TEMPLATE_TEST_CASE("a dropped socket reconnects without losing a command", "[integration][fault]",
                   ONCALL_PLATFORMS) {
  TestType w("reconnect");
  w.start();
  REQUIRE(w.b.wait_ready());
  int first = w.chat.connections_opened();
  w.chat.drop_sockets();
  REQUIRE(eventually([&] { return w.chat.connections_opened() == first + 1; }));
  REQUIRE(w.b.wait_ready());
  CHECK(w.chat.command("alice", "alerts", "incidents").answered);
}

TEST_CASE("a Slack refresh request opens the new connection before the old one closes",
          "[integration][fault]") {
  slack_world w("refresh");
  w.start();
  REQUIRE(w.b.wait_ready());
  auto opened = [&] { return w.sim.get("/_sim/stats").value("connections_opened", 0); };
  int first = opened();
  w.sim.post("/_sim/slack/disconnect", {{"reason", "refresh_requested"}});
  REQUIRE(eventually([&] { return opened() == first + 1; }));
  CHECK(w.chat.command("alice", "alerts", "incidents").answered);
  CHECK(contains(w.b.log(), "disconnect requested (refresh_requested)"));
}
