// Role: chatsim's Slack direct messages as the bot sees them: chat.postMessage to a user id
// posts into the bot's IM (D…), conversations.open, history and info on the IM, the errors
// Slack gives, no message events for IMs, and the control API's DM readback (/_sim/dms).
#include <catch2/catch.hpp>

#include "chatsim_process.hpp"

using chatsim_test::chatsim_process;
using nlohmann::json;

TEST_CASE("chat.postMessage to a user id posts into the bot's IM with that person",
          "[chatsim][dm]") {
  chatsim_process sim;
  json first =
      sim.api("chat.postMessage", {{"channel", "U0ALICE"}, {"text", "You are paged: #7 HighCPU"}});
  REQUIRE(first["ok"] == true);
  std::string im = first["channel"];
  CHECK(im == "D0ALICE");  // the IM's id, not the user id that was given
  CHECK(first["message"]["user"] == "U0BOT");
  json second = sim.api("chat.postMessage", {{"channel", "U0ALICE"}, {"text", "Still paging: #7"}});
  CHECK(second["channel"] == im);

  json history = sim.api("conversations.history", {{"channel", im}});
  REQUIRE(history["ok"] == true);
  REQUIRE(history["messages"].size() == 2);
  CHECK(history["messages"][0]["text"] == "Still paging: #7");  // newest first
  CHECK(history["messages"][1]["ts"] == first["ts"]);
  json info = sim.api("conversations.info", {{"channel", im}});
  CHECK(info["channel"]["is_im"] == true);
  CHECK(info["channel"]["user"] == "U0ALICE");
  json updated =
      sim.api("chat.update", {{"channel", im}, {"ts", first["ts"]}, {"text", "Acked: #7"}});
  CHECK(updated["ok"] == true);

  // The app does not subscribe to message.im, so nothing about the IM reaches it as an event.
  CHECK(sim.get("/_sim/envelopes")["envelopes"].empty());
  sim.api("chat.postMessage", {{"channel", "alerts"}, {"text", "in a channel"}});
  CHECK(sim.get("/_sim/envelopes")["envelopes"].size() == 1);
}

TEST_CASE("the control API reads a person's DMs back by user, like a channel", "[chatsim][dm]") {
  chatsim_process sim;
  json none = sim.get("/_sim/dms/carol/messages");
  CHECK(none["user"] == json{{"id", "U0CAROL"}, {"name", "carol"}});
  CHECK(none["channel"].is_null());
  CHECK(none["messages"].empty());

  sim.api("chat.postMessage", {{"channel", "U0CAROL"}, {"text", "Handover: you are on call"}});
  sim.post("/_sim/slack/message", {{"user", "carol"}, {"channel", "D0CAROL"}, {"text", "thanks"}});
  json back = sim.get("/_sim/dms/U0CAROL/messages");
  CHECK(back["channel"]["id"] == "D0CAROL");
  REQUIRE(back["messages"].size() == 2);
  CHECK(back["messages"][0]["text"] == "Handover: you are on call");
  CHECK(back["messages"][0]["bot_id"] == "B0BOT");
  CHECK(back["messages"][1]["user"] == "U0CAROL");
  CHECK(sim.get("/_sim/dms/@carol/messages")["messages"].size() == 2);

  CHECK(sim.get("/_sim/dms")["dms"] ==
        json::array({{{"user", {{"id", "U0CAROL"}, {"name", "carol"}}},
                      {"channel", {{"id", "D0CAROL"}}}}}));
  for (const auto& ch : sim.get("/_sim/channels")["channels"]) CHECK(ch["id"] != "D0CAROL");
  CHECK(sim.http().Get("/_sim/transcript")->body.find("DM @carol\n") != std::string::npos);

  CHECK(sim.http().Get("/_sim/dms/mallory/messages")->status == 404);
  // Only the bot and carol are in carol's IM.
  auto intruder = sim.http().Post(
      "/_sim/slack/message", json{{"user", "bob"}, {"channel", "D0CAROL"}, {"text", "hi"}}.dump(),
      "application/json");
  CHECK(intruder->status == 403);
}

TEST_CASE("conversations.open opens the IM once and reports it open afterwards", "[chatsim][dm]") {
  chatsim_process sim;
  json opened = sim.api("conversations.open", {{"users", "U0BOB"}});
  REQUIRE(opened["ok"] == true);
  CHECK(opened["channel"] == json{{"id", "D0BOB"}});
  CHECK_FALSE(opened.contains("already_open"));

  json again = sim.api("conversations.open", {{"users", "U0BOB"}, {"return_im", true}});
  CHECK(again["no_op"] == true);
  CHECK(again["already_open"] == true);
  CHECK(again["channel"]["id"] == "D0BOB");
  CHECK(again["channel"]["is_im"] == true);
  CHECK(again["channel"]["user"] == "U0BOB");
  CHECK(sim.api("conversations.open", {{"channel", "D0BOB"}})["channel"]["id"] == "D0BOB");
  CHECK(sim.api("chat.postMessage", {{"channel", "U0BOB"}, {"text", "x"}})["channel"] == "D0BOB");

  // conversations.list shows public channels unless asked for IMs.
  for (const auto& ch : sim.api("conversations.list", json::object())["channels"]) {
    CHECK(ch["is_im"] == false);
  }
  json ims = sim.api("conversations.list", {{"types", "im"}});
  REQUIRE(ims["channels"].size() == 1);
  CHECK(ims["channels"][0]["id"] == "D0BOB");
}

TEST_CASE("DMs to unknown people and other bad DM arguments fail as on Slack", "[chatsim][dm]") {
  chatsim_process sim;
  auto post_error = [&](const std::string& channel) {
    return sim.api("chat.postMessage", {{"channel", channel}, {"text", "x"}})["error"];
  };
  CHECK(post_error("U0NOBODY") == "channel_not_found");
  CHECK(post_error("W0NOBODY") == "channel_not_found");
  CHECK(post_error("U0BOT") == "channel_not_found");  // chatsim has no self-DM
  CHECK(post_error("D0NOBODY") == "channel_not_found");

  auto open_error = [&](const json& args) { return sim.api("conversations.open", args)["error"]; };
  CHECK(open_error({{"users", "U0NOBODY"}}) == "user_not_found");
  CHECK(open_error(json::object()) == "users_list_not_supplied");
  CHECK(open_error({{"channel", "C0ALERTS"}}) == "method_not_supported_for_channel_type");
  CHECK(open_error({{"channel", "D0NOBODY"}}) == "channel_not_found");
  CHECK(open_error({{"users", "U0ALICE,U0BOB"}}) == "mpim_not_supported_by_chatsim");

  sim.api("conversations.open", {{"users", "U0ALICE"}});
  CHECK(sim.api("conversations.join", {{"channel", "D0ALICE"}})["error"] ==
        "method_not_supported_for_channel_type");
  CHECK(sim.get("/_sim/dms")["dms"].size() == 1);  // the failed calls opened nothing
}
