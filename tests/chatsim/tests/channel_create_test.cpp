// Role: chatsim's channel creation as a bot sees it, for dedicated incident rooms: Slack's
// conversations.create and conversations.invite, Mattermost's POST /channels and
// POST /channels/{id}/members, with the real servers' name rules and error codes.
#include <catch2/catch.hpp>

#include <algorithm>

#include "mattermost_support.hpp"

using chatsim_test::chatsim_process;
using chatsim_test::mm_call;
using chatsim_test::mm_ok;
using nlohmann::json;

namespace {

json channel_members(chatsim_process& sim, const std::string& name) {
  const json channels = sim.get("/_sim/channels")["channels"];
  for (const auto& ch : channels) {
    if (ch["name"] == name) return ch["members"];
  }
  return nullptr;
}

std::string team_id(chatsim_process& sim) { return mm_ok(sim, "GET", "/teams/name/ops")["id"]; }

}  // namespace

TEST_CASE("conversations.create makes a channel with the bot in it and refuses bad or taken names",
          "[chatsim][channels]") {
  chatsim_process sim;
  json made = sim.api("conversations.create", {{"name", "inc-1-db-down"}, {"is_private", false}});
  REQUIRE(made["ok"] == true);
  CHECK(made["channel"]["name"] == "inc-1-db-down");
  CHECK(made["channel"]["is_member"] == true);
  CHECK(channel_members(sim, "inc-1-db-down") == json::array({"U0BOT"}));
  CHECK(sim.api("conversations.create", {{"name", "inc-1-db-down"}})["error"] == "name_taken");
  CHECK(sim.api("conversations.create", {{"name", "Inc 1"}})["error"] == "invalid_name_specials");
  CHECK(sim.api("conversations.create", {{"name", std::string(81, 'a')}})["error"] == "invalid_name_maxlength");
  CHECK(sim.api("conversations.create", json::object())["error"] == "invalid_name_required");
  // People can talk there, and the bot reads it back.
  std::string id = made["channel"]["id"];
  CHECK(sim.api("chat.postMessage", {{"channel", id}, {"text", "room opened"}})["ok"] == true);
}

TEST_CASE("conversations.invite adds people and names the ones it cannot add", "[chatsim][channels]") {
  chatsim_process sim;
  std::string id = sim.api("conversations.create", {{"name", "inc-2-x"}})["channel"]["id"];
  json invited = sim.api("conversations.invite", {{"channel", id}, {"users", "U0ALICE,U0BOB"}});
  REQUIRE(invited["ok"] == true);
  json members = channel_members(sim, "inc-2-x");
  CHECK(std::find(members.begin(), members.end(), "U0ALICE") != members.end());
  CHECK(std::find(members.begin(), members.end(), "U0BOB") != members.end());
  json again = sim.api("conversations.invite", {{"channel", id}, {"users", "U0ALICE"}});
  CHECK(again["error"] == "already_in_channel");
  CHECK(again["errors"][0]["user"] == "U0ALICE");
  CHECK(sim.api("conversations.invite", {{"channel", id}, {"users", "U0NOBODY"}})["error"] == "user_not_found");
  CHECK(sim.api("conversations.invite", {{"channel", id}, {"users", "U0BOT"}})["error"] == "cant_invite_self");
  CHECK(sim.api("conversations.invite", {{"channel", "C0NOPE"}, {"users", "U0ALICE"}})["error"] == "channel_not_found");
}

TEST_CASE("POST /channels makes a team channel, and members are added one by one", "[chatsim][channels]") {
  chatsim_process sim;
  std::string team = team_id(sim);
  json ch = mm_ok(sim, "POST", "/channels",
                  {{"team_id", team}, {"name", "inc-1-db-down"}, {"display_name", "#1 DB down"}, {"type", "O"}}, 201);
  CHECK(ch["name"] == "inc-1-db-down");
  CHECK(ch["id"].get<std::string>().size() == 26);
  auto taken = mm_call(sim, "POST", "/channels",
                       {{"team_id", team}, {"name", "inc-1-db-down"}, {"display_name", "x"}, {"type", "O"}});
  REQUIRE(taken);
  CHECK(taken->status == 400);
  CHECK(json::parse(taken->body)["id"] == "store.sql_channel.save_channel.exists.app_error");
  auto bad = mm_call(sim, "POST", "/channels", {{"team_id", team}, {"name", "-Bad"}, {"display_name", "x"}, {"type", "O"}});
  CHECK(json::parse(bad->body)["id"] == "model.channel.is_valid.2_or_more.app_error");
  auto no_display = mm_call(sim, "POST", "/channels", {{"team_id", team}, {"name", "ok-name"}, {"type", "O"}});
  CHECK(json::parse(no_display->body)["id"] == "model.channel.is_valid.display_name.app_error");

  std::string alice = mm_ok(sim, "GET", "/users/username/alice")["id"];
  json member = mm_ok(sim, "POST", "/channels/" + ch["id"].get<std::string>() + "/members", {{"user_id", alice}}, 201);
  CHECK(member["user_id"] == alice);
  CHECK(member["channel_id"] == ch["id"]);
  auto unknown = mm_call(sim, "POST", "/channels/" + ch["id"].get<std::string>() + "/members",
                         {{"user_id", "nosuchusernosuchusernosuch"}});
  CHECK(unknown->status == 404);
  json channels = sim.get("/_sim/mattermost/channels")["channels"];
  for (const auto& c : channels) {
    if (c["name"] == "inc-1-db-down") CHECK(c["members"].size() == 2);
  }
}
