// Role: what a benchmark reads from chatsim: monotonic send and ack times of envelopes, receive
// times of messages, the time of the latest hello, and a burst of identical slash commands.
#include <chrono>
#include <set>
#include <thread>

#include <catch2/catch.hpp>

#include "chatsim_process.hpp"
#include "ws_client.hpp"

using chatsim_test::chatsim_process;
using chatsim_test::ws_client;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::int64_t monotonic_now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::unique_ptr<ws_client> connect(chatsim_process& sim) {
  json r = sim.api("apps.connections.open", json::object(), chatsim_test::app_token);
  REQUIRE(r["ok"] == true);
  auto client = std::make_unique<ws_client>(sim.port(), chatsim_test::connections_open_target(r));
  auto hello = client->next(2s);
  REQUIRE(hello);
  REQUIRE((*hello)["type"] == "hello");
  return client;
}

}  // namespace

TEST_CASE("envelopes, messages and hellos carry monotonic times a benchmark can compare",
          "[chatsim][timing]") {
  chatsim_process sim;
  std::int64_t before = monotonic_now();
  auto client = connect(sim);
  std::int64_t hello = sim.get("/_sim/stats")["last_hello_mono_ns"];
  CHECK(hello >= before);
  CHECK(hello <= monotonic_now());

  json sent = sim.post("/_sim/slack/command", {{"user", "alice"}, {"channel", "alerts"},
                                                {"text", "who"}});
  json pending = sim.get("/_sim/envelopes/" + sent["envelope_id"].get<std::string>());
  CHECK(pending["sent_mono_ns"].get<std::int64_t>() >= hello);
  CHECK(pending["acked_mono_ns"] == 0);

  auto envelope = client->next_of_type("slash_commands", 2s);
  REQUIRE(envelope);
  client->ack(*envelope, {{"text", "On call now"}});
  std::string envelope_path = "/_sim/envelopes/" + sent["envelope_id"].get<std::string>();
  json acked = sim.get(envelope_path);
  for (int i = 0; i < 100 && acked["acked"] != true; ++i) {
    std::this_thread::sleep_for(10ms);
    acked = sim.get(envelope_path);
  }
  REQUIRE(acked["acked"] == true);
  CHECK(acked["acked_mono_ns"].get<std::int64_t>() >= acked["sent_mono_ns"].get<std::int64_t>());

  sim.api("chat.postMessage", {{"channel", "C0ALERTS"}, {"text", "announcement"}});
  json back = sim.get("/_sim/channels/alerts/messages");
  REQUIRE(back["ephemeral"].size() == 1);
  CHECK(back["ephemeral"][0]["received_mono_ns"].get<std::int64_t>() >=
        acked["acked_mono_ns"].get<std::int64_t>());
  REQUIRE(back["messages"].size() == 1);
  CHECK(back["messages"][0]["received_mono_ns"].get<std::int64_t>() >=
        back["ephemeral"][0]["received_mono_ns"].get<std::int64_t>());
  CHECK(back["messages"][0]["received_mono_ns"].get<std::int64_t>() <= monotonic_now());
}

TEST_CASE("a command with count sends that many envelopes at once", "[chatsim][timing]") {
  chatsim_process sim;
  auto client = connect(sim);
  json sent = sim.post("/_sim/slack/command", {{"user", "alice"}, {"channel", "alerts"},
                                                {"text", "who"}, {"count", 5}});
  REQUIRE(sent["envelope_ids"].size() == 5);
  CHECK(sent["envelope_id"] == sent["envelope_ids"][4]);
  std::set<std::string> triggers;
  for (int i = 0; i < 5; ++i) {
    auto envelope = client->next_of_type("slash_commands", 2s);
    REQUIRE(envelope);
    CHECK((*envelope)["envelope_id"] == sent["envelope_ids"][i]);
    triggers.insert((*envelope)["payload"]["trigger_id"].get<std::string>());
  }
  CHECK(triggers.size() == 5);  // each is a command of its own

  for (const json& bad : {json(0), json(10001), json("5"), json(1.5)}) {
    auto res = sim.http().Post("/_sim/slack/command",
                               json{{"user", "alice"}, {"channel", "alerts"}, {"count", bad}}.dump(),
                               "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(json::parse(res->body)["error"].get<std::string>().find("count") != std::string::npos);
  }
  CHECK(sim.get("/_sim/stats")["envelopes_sent"] == 5);
}
