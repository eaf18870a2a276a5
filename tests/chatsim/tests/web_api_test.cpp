// Role: chatsim's Slack Web API as a bot sees it: auth, posting and reading back, updates,
// argument encodings, errors and the chat.postMessage rate limit.
#include <catch2/catch.hpp>

#include "chatsim_process.hpp"

using chatsim_test::chatsim_process;
using nlohmann::json;

TEST_CASE("auth.test with the bot token returns the workspace identity", "[chatsim][web_api]") {
  chatsim_process sim;
  json r = sim.api("auth.test", json::object());
  CHECK(r["ok"] == true);
  CHECK(r["url"] == "https://oncallsim.slack.com/");
  CHECK(r["team"] == "Oncall Sim");
  CHECK(r["user"] == "oncallbot");
  CHECK(r["team_id"] == "T0SIM");
  CHECK(r["user_id"] == "U0BOT");
  CHECK(r["bot_id"] == "B0BOT");
}

TEST_CASE("wrong, missing or misplaced tokens are refused as Slack refuses them",
          "[chatsim][web_api]") {
  chatsim_process sim;
  CHECK(sim.api("auth.test", json::object(), "")["error"] == "not_authed");
  CHECK(sim.api("auth.test", json::object(), "xoxb-wrong")["error"] == "invalid_auth");
  CHECK(sim.api("auth.test", json::object(), chatsim_test::app_token)["error"] ==
        "not_allowed_token_type");
  CHECK(sim.api("apps.connections.open", json::object())["error"] == "not_allowed_token_type");
  // A token inside a JSON body does not count: JSON needs the Authorization header.
  auto res = sim.http().Post("/api/auth.test", json{{"token", chatsim_test::bot_token}}.dump(),
                             "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(json::parse(res->body)["error"] == "not_authed");
  // Form bodies may carry the token.
  res = sim.http().Post("/api/auth.test", "token=" + chatsim_test::bot_token,
                        "application/x-www-form-urlencoded");
  REQUIRE(res);
  CHECK(json::parse(res->body)["ok"] == true);
}

TEST_CASE("chat.postMessage stores the bot's message and the channel readback shows it",
          "[chatsim][web_api]") {
  chatsim_process sim;
  json blocks = json::array({{{"type", "section"},
                              {"text", {{"type", "mrkdwn"}, {"text", "*HighCPU* on web-1"}}}}});
  json r = sim.api("chat.postMessage",
                   {{"channel", "#alerts"}, {"text", "HighCPU on web-1"}, {"blocks", blocks}});
  REQUIRE(r["ok"] == true);
  CHECK(r["channel"] == "C0ALERTS");
  std::string ts = r["ts"];
  CHECK(ts.size() == 17);
  CHECK(ts[10] == '.');
  CHECK(r["message"]["user"] == "U0BOT");
  CHECK(r["message"]["bot_id"] == "B0BOT");
  CHECK(r["message"]["blocks"][0].contains("block_id"));

  json reply = sim.api("chat.postMessage",
                       {{"channel", "C0ALERTS"}, {"text", "details"}, {"thread_ts", ts}});
  REQUIRE(reply["ok"] == true);
  CHECK(reply["message"]["thread_ts"] == ts);
  CHECK(reply["message"]["parent_user_id"] == "U0BOT");
  CHECK(reply["ts"].get<std::string>() > ts);

  json back = sim.get("/_sim/channels/alerts/messages");
  CHECK(back["channel"] == json{{"id", "C0ALERTS"}, {"name", "alerts"}});
  REQUIRE(back["messages"].size() == 2);
  CHECK(back["messages"][0]["ts"] == ts);
  CHECK(back["messages"][0]["text"] == "HighCPU on web-1");
  CHECK(back["messages"][0]["bot_id"] == "B0BOT");
  CHECK(back["messages"][0]["blocks"][0]["type"] == "section");
  CHECK(back["messages"][1]["thread_ts"] == ts);
}

TEST_CASE("form-encoded chat.postMessage with JSON-string blocks works like the SDKs send it",
          "[chatsim][web_api]") {
  chatsim_process sim;
  std::string body = "channel=C0ONCALL&text=a+%26+b&blocks=%5B%7B%22type%22%3A%22divider%22%7D%5D";
  auto res = sim.http().Post("/api/chat.postMessage",
                             {{"Authorization", "Bearer " + chatsim_test::bot_token}}, body,
                             "application/x-www-form-urlencoded");
  REQUIRE(res);
  json r = json::parse(res->body);
  REQUIRE(r["ok"] == true);
  CHECK(r["message"]["text"] == "a & b");
  CHECK(r["message"]["blocks"][0]["type"] == "divider");
}

TEST_CASE("Web API errors come back as HTTP 200 with ok:false", "[chatsim][web_api]") {
  chatsim_process sim;
  CHECK(sim.api("chat.postMessage", {{"channel", "nope"}, {"text", "x"}})["error"] ==
        "channel_not_found");
  CHECK(sim.api("chat.postMessage", {{"channel", "alerts"}})["error"] == "no_text");
  CHECK(sim.api("chat.postMessage", {{"channel", "alerts"}, {"blocks", "{}"}})["error"] ==
        "invalid_blocks");
  CHECK(sim.api("chat.postMessage", {{"channel", "alerts"}, {"text", "x"}, {"thread_ts", "1.2"}})
            ["error"] == "invalid_thread_ts");
  CHECK(sim.api("chat.update", {{"channel", "alerts"}, {"ts", "1.2"}, {"text", "x"}})["error"] ==
        "channel_not_found");
  CHECK(sim.api("chat.update", {{"channel", "C0ALERTS"}, {"ts", "1.2"}, {"text", "x"}})["error"] ==
        "message_not_found");
  auto res = sim.http().Post("/api/chat.postMessage",
                             {{"Authorization", "Bearer " + chatsim_test::bot_token}}, "{oops",
                             "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(json::parse(res->body)["error"] == "invalid_json");
}

TEST_CASE("chat.update replaces the content and keeps the old version in the edit history",
          "[chatsim][web_api]") {
  chatsim_process sim;
  std::string ts = sim.api("chat.postMessage", {{"channel", "alerts"}, {"text", "firing"}})["ts"];
  json r = sim.api("chat.update", {{"channel", "C0ALERTS"}, {"ts", ts}, {"text", "acked"}});
  REQUIRE(r["ok"] == true);
  CHECK(r["ts"] == ts);
  CHECK(r["text"] == "acked");
  CHECK(r["message"]["edited"]["user"] == "U0BOT");

  std::string alice_ts =
      sim.post("/_sim/slack/message", {{"user", "alice"}, {"channel", "alerts"}, {"text", "hi"}})
          ["ts"];
  CHECK(sim.api("chat.update", {{"channel", "C0ALERTS"}, {"ts", alice_ts}, {"text", "x"}})
            ["error"] == "cant_update_message");

  json back = sim.get("/_sim/channels/C0ALERTS/messages");
  CHECK(back["messages"][0]["text"] == "acked");
  REQUIRE(back["messages"][0]["edits"].size() == 1);
  CHECK(back["messages"][0]["edits"][0]["text"] == "firing");
}

TEST_CASE("chat.postMessage beyond the burst answers 429 with Retry-After",
          "[chatsim][web_api]") {
  chatsim_process sim({"--burst", "3"});
  int ok = 0, limited = 0;
  std::string retry_after;
  for (int i = 0; i < 5; ++i) {
    auto res = sim.api_raw("chat.postMessage", {{"channel", "alerts"}, {"text", "storm"}});
    REQUIRE(res);
    if (res->status == 200) {
      ++ok;
    } else {
      CHECK(res->status == 429);
      CHECK(json::parse(res->body) == json{{"ok", false}, {"error", "ratelimited"}});
      retry_after = res->get_header_value("Retry-After");
      ++limited;
    }
  }
  CHECK(ok == 3);
  CHECK(limited == 2);
  CHECK(retry_after == "1");
  // Another channel has its own bucket.
  CHECK(sim.api("chat.postMessage", {{"channel", "oncall"}, {"text", "x"}})["ok"] == true);
  CHECK(sim.get("/_sim/stats")["rate_limited"] == 2);
  CHECK(sim.get("/_sim/channels/alerts/messages")["messages"].size() == 3);
}

TEST_CASE("with --rate-limit off a burst is never refused", "[chatsim][web_api]") {
  chatsim_process sim({"--rate-limit", "off"});
  for (int i = 0; i < 6; ++i) {
    CHECK(sim.api_raw("chat.postMessage", {{"channel", "alerts"}, {"text", "x"}})->status == 200);
  }
}

TEST_CASE("conversations.history pages newest first and replies list the parent first",
          "[chatsim][web_api]") {
  chatsim_process sim({"--rate-limit", "off"});
  std::vector<std::string> ts;
  for (int i = 0; i < 3; ++i) {
    ts.push_back(sim.api("chat.postMessage", {{"channel", "alerts"}, {"text", std::to_string(i)}})
                     ["ts"]);
  }
  sim.api("chat.postMessage", {{"channel", "alerts"}, {"text", "r"}, {"thread_ts", ts[0]}});
  json page = sim.api("conversations.history", {{"channel", "C0ALERTS"}, {"limit", 2}});
  REQUIRE(page["ok"] == true);
  REQUIRE(page["messages"].size() == 2);
  CHECK(page["messages"][0]["ts"] == ts[2]);
  CHECK(page["has_more"] == true);
  std::string cursor = page["response_metadata"]["next_cursor"];
  json rest = sim.api("conversations.history",
                      {{"channel", "C0ALERTS"}, {"limit", 2}, {"cursor", cursor}});
  REQUIRE(rest["messages"].size() == 1);
  CHECK(rest["messages"][0]["ts"] == ts[0]);
  CHECK(rest["messages"][0]["reply_count"] == 1);
  CHECK(rest["has_more"] == false);

  auto res = sim.http().Get(("/api/conversations.replies?channel=C0ALERTS&ts=" + ts[0]).c_str(),
                            {{"Authorization", "Bearer " + chatsim_test::bot_token}});
  REQUIRE(res);
  json replies = json::parse(res->body);
  REQUIRE(replies["messages"].size() == 2);
  CHECK(replies["messages"][0]["ts"] == ts[0]);
  CHECK(replies["messages"][1]["text"] == "r");
}

TEST_CASE("users.info and chat.postEphemeral follow Slack's shapes", "[chatsim][web_api]") {
  chatsim_process sim;
  json alice = sim.api("users.info", {{"user", "U0ALICE"}});
  CHECK(alice["user"]["name"] == "alice");
  CHECK(alice["user"]["tz"] == "UTC");
  CHECK(alice["user"]["is_bot"] == false);
  CHECK(sim.api("users.info", {{"user", "U0NOBODY"}})["error"] == "user_not_found");

  json e = sim.api("chat.postEphemeral", {{"channel", "alerts"}, {"user", "U0BOB"}, {"text", "psst"}});
  REQUIRE(e["ok"] == true);
  json back = sim.get("/_sim/channels/alerts/messages");
  CHECK(back["messages"].empty());
  REQUIRE(back["ephemeral"].size() == 1);
  CHECK(back["ephemeral"][0]["to_user"] == "U0BOB");
  CHECK(back["ephemeral"][0]["ts"] == e["message_ts"]);

  sim.post("/_sim/channels", {{"name", "quiet"}, {"members", {"U0BOT"}}});
  CHECK(sim.api("chat.postEphemeral", {{"channel", "quiet"}, {"user", "U0BOB"}, {"text", "x"}})
            ["error"] == "user_not_in_channel");
}
