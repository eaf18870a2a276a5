// Role: chatsim's Socket Mode as the bot sees it: tickets, hello, envelope delivery, acks,
// redelivery on timeout, queueing while disconnected, and disconnect / drop handling.
#include <future>

#include <catch2/catch.hpp>

#include "chatsim_process.hpp"
#include "ws_client.hpp"

using chatsim_test::chatsim_process;
using chatsim_test::ws_client;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::string open_target(chatsim_process& sim) {
  json r = sim.api("apps.connections.open", json::object(), chatsim_test::app_token);
  REQUIRE(r["ok"] == true);
  return chatsim_test::connections_open_target(r);
}

// Connects and consumes the hello frame.
std::unique_ptr<ws_client> connect(chatsim_process& sim) {
  auto client = std::make_unique<ws_client>(sim.port(), open_target(sim));
  auto hello = client->next(2s);
  REQUIRE(hello);
  REQUIRE((*hello)["type"] == "hello");
  return client;
}

}  // namespace

TEST_CASE("apps.connections.open gives a single-use ticket and the socket says hello first",
          "[chatsim][socket_mode]") {
  chatsim_process sim;
  json r = sim.api("apps.connections.open", json::object(), chatsim_test::app_token);
  REQUIRE(r["ok"] == true);
  std::string url = r["url"];
  CHECK(url.rfind("ws://127.0.0.1:" + std::to_string(sim.port()) + "/link/?ticket=", 0) == 0);
  CHECK(url.find("&app_id=A0SIM") != std::string::npos);
  std::string target = chatsim_test::connections_open_target(r);

  ws_client client(sim.port(), target);
  auto hello = client.next(2s);
  REQUIRE(hello);
  CHECK((*hello)["type"] == "hello");
  CHECK((*hello)["num_connections"] == 1);
  CHECK((*hello)["connection_info"]["app_id"] == "A0SIM");
  CHECK((*hello)["debug_info"]["approximate_connection_time"] == 18060);

  CHECK(ws_client::upgrade_status(sim.port(), target) == 401);  // already used
  CHECK(ws_client::upgrade_status(sim.port(), "/link/?ticket=made-up") == 401);
  CHECK(sim.get("/_sim/stats")["open_connections"] == 1);
}

TEST_CASE("a slash command is delivered, and its ack payload becomes the reply",
          "[chatsim][socket_mode]") {
  chatsim_process sim;
  auto client = connect(sim);
  auto pending = std::async(std::launch::async, [port = sim.port()] {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(10, 0);
    auto res = c.Post("/_sim/slack/command",
                      json{{"user", "U0ALICE"}, {"channel", "alerts"}, {"text", "ack 1 <b> & c"},
                           {"wait_ms", 3000}}.dump(), "application/json");
    return res ? json::parse(res->body) : json();
  });
  auto envelope = client->next_of_type("slash_commands", 2s);
  REQUIRE(envelope);
  CHECK((*envelope)["accepts_response_payload"] == true);
  const json& p = (*envelope)["payload"];
  CHECK(p["command"] == "/oncall");
  CHECK(p["text"] == "ack 1 &lt;b&gt; &amp; c");
  CHECK(p["user_id"] == "U0ALICE");
  CHECK(p["user_name"] == "alice");
  CHECK(p["channel_id"] == "C0ALERTS");
  CHECK(p["channel_name"] == "alerts");
  CHECK(p["team_id"] == "T0SIM");
  CHECK(p["api_app_id"] == "A0SIM");
  CHECK(p["token"] == "sim-verification-token");
  CHECK(p["response_url"].get<std::string>().find("/_sim/response_url/") != std::string::npos);

  client->ack(*envelope, {{"text", "Acknowledged #1"}});
  json result = pending.get();
  CHECK(result["acked"] == true);
  CHECK(result["envelope_id"] == (*envelope)["envelope_id"]);
  CHECK(result["trigger_id"] == p["trigger_id"]);
  CHECK(result["ack_payload"]["text"] == "Acknowledged #1");

  json back = sim.get("/_sim/channels/alerts/messages");
  REQUIRE(back["ephemeral"].size() == 1);
  CHECK(back["ephemeral"][0]["to_user"] == "U0ALICE");
  CHECK(back["ephemeral"][0]["text"] == "Acknowledged #1");
  json status = sim.get("/_sim/envelopes/" + p["trigger_id"].get<std::string>());
  CHECK(status["acked"] == true);
  CHECK(status["deliveries"] == 1);
}

TEST_CASE("an unacked envelope is redelivered under a new envelope id with the same payload",
          "[chatsim][socket_mode]") {
  chatsim_process sim;
  auto client = connect(sim);
  sim.post("/_sim/slack/message", {{"user", "bob"}, {"channel", "oncall"}, {"text", "anyone?"}});
  auto first = client->next_of_type("events_api", 2s);
  REQUIRE(first);
  CHECK((*first)["retry_attempt"] == 0);
  CHECK((*first)["retry_reason"] == "");
  CHECK((*first)["payload"]["event"]["text"] == "anyone?");
  auto second = client->next_of_type("events_api", 2s);  // ack timeout is 300 ms in tests
  REQUIRE(second);
  CHECK((*second)["envelope_id"] != (*first)["envelope_id"]);
  CHECK((*second)["payload"] == (*first)["payload"]);
  CHECK((*second)["retry_attempt"] == 1);
  CHECK((*second)["retry_reason"] == "timeout");
  client->ack(*second);
  CHECK_FALSE(client->next_of_type("events_api", 600ms));  // acked: no third delivery
  json stats = sim.get("/_sim/stats");
  CHECK(stats["redeliveries"] == 1);
  CHECK(stats["envelopes_acked"] == 1);

  client->send(json{{"envelope_id", "not-a-real-one"}});
  client->send_text("not json");
  json after = sim.get("/_sim/stats");
  CHECK(after["bad_acks"] == 1);
  CHECK(after["invalid_frames"] == 1);
}

TEST_CASE("the bot's own post comes back as a message event in the modern app shape",
          "[chatsim][socket_mode]") {
  chatsim_process sim;
  auto client = connect(sim);
  std::string ts = sim.api("chat.postMessage", {{"channel", "alerts"}, {"text", "paging"}})["ts"];
  auto envelope = client->next_of_type("events_api", 2s);
  REQUIRE(envelope);
  client->ack(*envelope);
  const json& outer = (*envelope)["payload"];
  CHECK(outer["type"] == "event_callback");
  CHECK(outer["team_id"] == "T0SIM");
  CHECK(outer["api_app_id"] == "A0SIM");
  CHECK(outer["event_id"].get<std::string>().rfind("Ev", 0) == 0);
  CHECK(outer["authorizations"][0]["user_id"] == "U0BOT");
  CHECK(outer["authorizations"][0]["is_bot"] == true);
  const json& event = outer["event"];
  CHECK(event["type"] == "message");
  CHECK_FALSE(event.contains("subtype"));
  CHECK(event["user"] == "U0BOT");
  CHECK(event["bot_id"] == "B0BOT");
  CHECK(event["bot_profile"]["app_id"] == "A0SIM");
  CHECK(event["ts"] == ts);
  CHECK(event["channel"] == "C0ALERTS");

  sim.api("chat.update", {{"channel", "C0ALERTS"}, {"ts", ts}, {"text", "acked"}});
  auto changed = client->next_of_type("events_api", 2s);
  REQUIRE(changed);
  const json& ce = (*changed)["payload"]["event"];
  CHECK(ce["subtype"] == "message_changed");
  CHECK(ce["hidden"] == true);
  CHECK(ce["message"]["text"] == "acked");
  CHECK(ce["message"]["ts"] == ts);
  CHECK(ce["previous_message"]["text"] == "paging");
  CHECK(ce["ts"].get<std::string>() > ts);
}

TEST_CASE("envelopes wait while no socket is open and arrive after the hello",
          "[chatsim][socket_mode]") {
  chatsim_process sim;
  json sent = sim.post("/_sim/slack/command",
                       {{"user", "carol"}, {"channel", "oncall"}, {"text", "who"}});
  CHECK(sent["acked"] == false);
  ws_client client(sim.port(), open_target(sim));
  auto hello = client.next(2s);
  REQUIRE(hello);
  CHECK((*hello)["type"] == "hello");
  auto envelope = client.next(2s);
  REQUIRE(envelope);
  CHECK((*envelope)["type"] == "slash_commands");
  CHECK((*envelope)["envelope_id"] == sent["envelope_id"]);
}

TEST_CASE("after refresh_requested new envelopes go to the other socket",
          "[chatsim][socket_mode]") {
  chatsim_process sim({"--refresh-grace-ms", "400"});
  auto old_socket = connect(sim);
  json d = sim.post("/_sim/slack/disconnect", {{"reason", "refresh_requested"}});
  CHECK(d["sockets"] == 1);
  auto notice = old_socket->next(2s);
  REQUIRE(notice);
  CHECK((*notice)["type"] == "disconnect");
  CHECK((*notice)["reason"] == "refresh_requested");
  auto new_socket = connect(sim);
  for (int i = 0; i < 3; ++i) {
    sim.post("/_sim/slack/command", {{"user", "dave"}, {"channel", "oncall"}, {"text", "x"}});
    auto envelope = new_socket->next_of_type("slash_commands", 2s);
    REQUIRE(envelope);
    new_socket->ack(*envelope);
  }
  CHECK_FALSE(old_socket->next(800ms));  // nothing more, then closed after the grace period
  CHECK(old_socket->closed());
  CHECK(sim.get("/_sim/stats")["open_connections"] == 1);
}

TEST_CASE("drop_sockets closes every socket and an unacked command is redelivered on reconnect",
          "[chatsim][socket_mode]") {
  chatsim_process sim;
  auto first = connect(sim);
  sim.post("/_sim/slack/command", {{"user", "eve"}, {"channel", "alerts"}, {"text", "status"}});
  auto original = first->next_of_type("slash_commands", 2s);
  REQUIRE(original);
  CHECK(sim.post("/_sim/slack/drop_sockets", json::object())["dropped"] == 1);
  CHECK_FALSE(first->next(1s));
  CHECK(first->closed());
  auto second = connect(sim);
  auto again = second->next_of_type("slash_commands", 2s);
  REQUIRE(again);
  CHECK((*again)["envelope_id"] != (*original)["envelope_id"]);
  CHECK((*again)["payload"] == (*original)["payload"]);
}

TEST_CASE("the server pings every --ping-interval-ms, and not at all with 0",
          "[chatsim][socket_mode]") {
  chatsim_process pinging({"--ping-interval-ms", "100"});
  auto client = connect(pinging);
  client->pump(550ms);
  CHECK(client->pings_received() >= 3);
  CHECK_FALSE(client->closed());

  chatsim_process silent({"--ping-interval-ms", "0"});
  auto quiet = connect(silent);
  quiet->pump(300ms);
  CHECK(quiet->pings_received() == 0);
}
