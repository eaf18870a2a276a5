// Role: chatsim's control API: acting as people (clicks, posts, reactions), injected faults,
// the transcript, unknown paths, and a clean exit on SIGTERM.
#include <future>

#include <catch2/catch.hpp>

#include "chatsim_process.hpp"
#include "ws_client.hpp"

using chatsim_test::chatsim_process;
using chatsim_test::ws_client;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

json page_blocks() {
  return json::array(
      {{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", "*SEV2* HighCPU on web-1"}}}},
       {{"type", "actions"},
        {"block_id", "page-1"},
        {"elements",
         {{{"type", "button"}, {"action_id", "ack"}, {"value", "1"}, {"style", "primary"},
           {"text", {{"type", "plain_text"}, {"text", "Ack"}}}},
          {{"type", "button"}, {"action_id", "escalate"}, {"value", "1"},
           {"text", {{"type", "plain_text"}, {"text", "Escalate"}}}}}}}});
}

std::unique_ptr<ws_client> connect(chatsim_process& sim) {
  json r = sim.api("apps.connections.open", json::object(), chatsim_test::app_token);
  auto client = std::make_unique<ws_client>(sim.port(), chatsim_test::connections_open_target(r));
  REQUIRE(client->next(2s));  // hello
  return client;
}

}  // namespace

TEST_CASE("a click on a bot button sends block_actions with the current message",
          "[chatsim][control]") {
  chatsim_process sim;
  auto client = connect(sim);
  std::string ts = sim.api("chat.postMessage",
                           {{"channel", "alerts"}, {"text", "page"}, {"blocks", page_blocks()}})["ts"];
  client->ack(*client->next_of_type("events_api", 2s));

  json missing = sim.post("/_sim/slack/click", {{"user", "alice"}, {"channel", "alerts"},
                                                {"message_ts", ts}, {"action_id", "nope"}});
  CHECK(missing.contains("error"));

  auto pending = std::async(std::launch::async, [port = sim.port(), ts] {
    httplib::Client c("127.0.0.1", port);
    auto res = c.Post("/_sim/slack/click",
                      json{{"user", "alice"}, {"channel", "alerts"}, {"message_ts", ts},
                           {"action_id", "ack"}, {"wait_ms", 3000}}.dump(), "application/json");
    return res ? json::parse(res->body) : json();
  });
  auto envelope = client->next_of_type("interactive", 2s);
  REQUIRE(envelope);
  CHECK((*envelope)["accepts_response_payload"] == false);
  const json& p = (*envelope)["payload"];
  CHECK(p["type"] == "block_actions");
  CHECK(p["user"]["id"] == "U0ALICE");
  CHECK(p["user"]["username"] == "alice");
  CHECK(p["container"] == json{{"type", "message"}, {"message_ts", ts}, {"channel_id", "C0ALERTS"},
                               {"is_ephemeral", false}});
  CHECK(p["channel"] == json{{"id", "C0ALERTS"}, {"name", "alerts"}});
  CHECK(p["message"]["ts"] == ts);
  CHECK(p["message"]["bot_id"] == "B0BOT");
  CHECK(p["message"]["blocks"][1]["block_id"] == "page-1");
  REQUIRE(p["actions"].size() == 1);
  CHECK(p["actions"][0]["action_id"] == "ack");
  CHECK(p["actions"][0]["block_id"] == "page-1");
  CHECK(p["actions"][0]["value"] == "1");
  CHECK(p["actions"][0]["style"] == "primary");
  CHECK(p["actions"][0]["type"] == "button");
  client->ack(*envelope);
  json result = pending.get();
  CHECK(result["acked"] == true);
  CHECK(result["ack_payload"].is_null());

  // The response_url of the click can replace the original message.
  httplib::Client c("127.0.0.1", sim.port());
  std::string url = p["response_url"];
  auto res = c.Post(url.substr(url.find("/_sim/")).c_str(),
                    json{{"replace_original", true}, {"text", "Acked by alice"}}.dump(),
                    "application/json");
  REQUIRE(res);
  CHECK(json::parse(res->body)["ok"] == true);
  CHECK(sim.get("/_sim/channels/alerts/messages")["messages"][0]["text"] == "Acked by alice");
}

TEST_CASE("people's posts, edits and reactions reach the bot as events", "[chatsim][control]") {
  chatsim_process sim;
  auto client = connect(sim);
  json posted = sim.post("/_sim/slack/message",
                         {{"user", "alice"}, {"channel", "oncall"}, {"text", "@oncallbot a<b"}});
  std::string ts = posted["ts"];
  auto message = client->next_of_type("events_api", 2s);
  REQUIRE(message);
  client->ack(*message);
  CHECK((*message)["payload"]["event"]["text"] == "<@U0BOT> a&lt;b");
  CHECK((*message)["payload"]["event"]["user"] == "U0ALICE");

  json reply = sim.post("/_sim/slack/message", {{"user", "bob"}, {"channel", "oncall"},
                                                {"text", "on it"}, {"thread_ts", ts}});
  auto threaded = client->next_of_type("events_api", 2s);
  REQUIRE(threaded);
  client->ack(*threaded);
  CHECK((*threaded)["payload"]["event"]["thread_ts"] == ts);
  CHECK((*threaded)["payload"]["event"]["parent_user_id"] == "U0ALICE");

  sim.post("/_sim/slack/react", {{"user", "bob"}, {"channel", "oncall"}, {"ts", ts},
                                 {"reaction", ":eyes:"}});
  auto reacted = client->next_of_type("events_api", 2s);
  REQUIRE(reacted);
  client->ack(*reacted);
  const json& event = (*reacted)["payload"]["event"];
  CHECK(event["type"] == "reaction_added");
  CHECK(event["reaction"] == "eyes");
  CHECK(event["item"] == json{{"type", "message"}, {"channel", "C0ONCALL"}, {"ts", ts}});
  CHECK(event["item_user"] == "U0ALICE");

  sim.post("/_sim/slack/react", {{"user", "bob"}, {"channel", "oncall"}, {"ts", ts},
                                 {"reaction", "eyes"}, {"remove", true}});
  auto unreacted = client->next_of_type("events_api", 2s);
  REQUIRE(unreacted);
  client->ack(*unreacted);
  CHECK((*unreacted)["payload"]["event"]["type"] == "reaction_removed");
  CHECK((*unreacted)["payload"]["event"]["item"]["ts"] == ts);
  CHECK_FALSE(sim.get("/_sim/channels/oncall/messages")["messages"][0].contains("reactions"));
  auto not_there = sim.http().Post("/_sim/slack/react",
                                   json{{"user", "bob"}, {"channel", "oncall"}, {"ts", ts},
                                        {"reaction", "eyes"}, {"remove", true}}.dump(), "application/json");
  CHECK(not_there->status == 409);

  sim.post("/_sim/slack/edit", {{"user", "alice"}, {"channel", "oncall"}, {"ts", ts},
                                {"text", "never mind"}});
  auto edited = client->next_of_type("events_api", 2s);
  REQUIRE(edited);
  CHECK((*edited)["payload"]["event"]["subtype"] == "message_changed");
  auto refused = sim.http().Post("/_sim/slack/edit",
                                 json{{"user", "bob"}, {"channel", "oncall"}, {"ts", ts},
                                      {"text", "x"}}.dump(), "application/json");
  CHECK(refused->status == 403);
}

TEST_CASE("an error500 fault fails the next calls without any effect", "[chatsim][fault]") {
  chatsim_process sim;
  sim.post("/_sim/faults", {{"method", "chat.postMessage"}, {"mode", "error500"}, {"count", 1}});
  auto failed = sim.api_raw("chat.postMessage", {{"channel", "alerts"}, {"text", "x"}});
  REQUIRE(failed);
  CHECK(failed->status == 500);
  CHECK(json::parse(failed->body) == json{{"ok", false}, {"error", "internal_error"}});
  CHECK(sim.get("/_sim/channels/alerts/messages")["messages"].empty());
  CHECK(sim.api("chat.postMessage", {{"channel", "alerts"}, {"text", "x"}})["ok"] == true);
}

TEST_CASE("a hang fault holds the request unanswered until the faults are cleared",
          "[chatsim][fault]") {
  chatsim_process sim;
  sim.post("/_sim/faults", {{"method", "chat.postMessage"}, {"mode", "hang"}});
  auto hung = std::async(std::launch::async, [port = sim.port()] {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(5, 0);
    auto res = c.Post("/api/chat.postMessage",
                      {{"Authorization", "Bearer " + chatsim_test::bot_token}},
                      json{{"channel", "alerts"}, {"text", "x"}}.dump(), "application/json");
    return static_cast<bool>(res);
  });
  CHECK(hung.wait_for(300ms) == std::future_status::timeout);
  CHECK(sim.get("/_sim/faults")["held_requests"] == 1);
  auto cleared = sim.http().Delete("/_sim/faults");
  REQUIRE(cleared);
  CHECK(hung.get() == false);  // the connection was closed without an answer
  CHECK(sim.get("/_sim/channels/alerts/messages")["messages"].empty());
  CHECK(sim.api("chat.postMessage", {{"channel", "alerts"}, {"text", "x"}})["ok"] == true);
}

TEST_CASE("the transcript shows channels the way people read them", "[chatsim][control]") {
  chatsim_process sim;
  std::string ts = sim.api("chat.postMessage",
                           {{"channel", "alerts"}, {"text", "page"}, {"blocks", page_blocks()}})["ts"];
  sim.api("chat.update", {{"channel", "C0ALERTS"}, {"ts", ts}, {"text", "page"}, {"blocks", page_blocks()}});
  sim.api("chat.postMessage", {{"channel", "alerts"}, {"text", "Acknowledged by <@U0ALICE> &amp; co"},
                               {"thread_ts", ts}});
  sim.api("chat.postEphemeral", {{"channel", "alerts"}, {"user", "U0ALICE"}, {"text", "only you"}});
  auto res = sim.http().Get("/_sim/transcript");
  REQUIRE(res);
  CHECK(res->get_header_value("Content-Type").rfind("text/plain", 0) == 0);
  const std::string& text = res->body;
  INFO(text);
  CHECK(text.find("#alerts\n") != std::string::npos);
  CHECK(text.find("oncallbot: *SEV2* HighCPU on web-1") != std::string::npos);
  CHECK(text.find("[Ack] [Escalate]") != std::string::npos);
  CHECK(text.find("(edited 1x)") != std::string::npos);
  CHECK(text.find("↳ [") != std::string::npos);
  CHECK(text.find("Acknowledged by @alice & co") != std::string::npos);
  CHECK(text.find("(only visible to alice)") != std::string::npos);
}

TEST_CASE("unknown control paths answer 404 with a JSON error", "[chatsim][control]") {
  chatsim_process sim;
  CHECK(sim.get("/_sim/healthz") == json{{"ok", true}});
  for (const char* path : {"/_sim/nope", "/_sim/slack/nope", "/_sim/envelopes/nope",
                           "/_sim/channels/nope/messages"}) {
    auto res = sim.http().Get(path);
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK(json::parse(res->body).contains("error"));
  }
}

TEST_CASE("channels and users added through the control API are usable at once",
          "[chatsim][control]") {
  chatsim_process sim;
  CHECK(sim.post("/_sim/channels", {{"name", "ops-2"}})["channel"]["id"] == "C0OPS2");
  CHECK(sim.post("/_sim/users", {{"id", "U0FRANK"}, {"name", "frank"}})["ok"] == true);
  CHECK(sim.api("users.info", {{"user", "U0FRANK"}})["user"]["name"] == "frank");
  CHECK(sim.post("/_sim/slack/message", {{"user", "frank"}, {"channel", "ops-2"}, {"text", "hi"}})
            ["ok"] == true);
  CHECK(sim.api("chat.postMessage", {{"channel", "C0OPS2"}, {"text", "hello"}})["ok"] == true);
}

TEST_CASE("chatsim exits with status 0 on SIGTERM", "[chatsim][control]") {
  chatsim_process sim;
  auto client = connect(sim);
  CHECK(sim.stop() == 0);
}
