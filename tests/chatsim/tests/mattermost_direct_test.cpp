// Role: chatsim's Mattermost direct channels as the bot sees them: POST /channels/direct (201,
// type D, "<id>__<id>", idempotent), Mattermost's refusals for bad bodies, posted events with
// channel_type D, and the control API's DM readback (/_sim/mattermost/dms).
#include <catch2/catch.hpp>

#include "mattermost_support.hpp"

using chatsim_test::chatsim_process;
using chatsim_test::mm_call;
using chatsim_test::mm_ok;
using chatsim_test::next_event;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::string user_id(chatsim_process& sim, const std::string& name) {
  return mm_ok(sim, "GET", "/users/username/" + name)["id"];
}

// POST /channels/direct with `body` sent as is; the status and the parsed answer.
std::pair<int, json> create_direct(chatsim_process& sim, const std::string& body) {
  auto res = sim.http().Post("/api/v4/channels/direct",
                             {{"Authorization", "Bearer " + chatsim_test::mm_token}}, body,
                             "application/json");
  REQUIRE(res);
  return {res->status, json::parse(res->body, nullptr, false)};
}

}  // namespace

TEST_CASE("POST /channels/direct answers 201 with the D channel of the two users, every time",
          "[chatsim][mattermost][dm]") {
  chatsim_process sim;
  std::string bot = user_id(sim, "oncallbot"), alice = user_id(sim, "alice");
  json dm = mm_ok(sim, "POST", "/channels/direct", json::array({bot, alice}), 201);
  std::string id = dm["id"];
  CHECK(id.size() == 26);
  CHECK(dm["type"] == "D");
  CHECK(dm["name"] == std::min(bot, alice) + "__" + std::max(bot, alice));
  CHECK(dm["team_id"] == "");
  CHECK(dm["display_name"] == "");
  CHECK(mm_ok(sim, "POST", "/channels/direct", json::array({alice, bot}), 201)["id"] == id);
  CHECK(mm_ok(sim, "GET", "/channels/" + id)["type"] == "D");
  // A DM belongs to no team: the team's channel names do not reach it.
  CHECK(mm_call(sim, "GET", "/teams/name/ops/channels/name/" + dm["name"].get<std::string>())
            ->status == 404);

  json self = mm_ok(sim, "POST", "/channels/direct", json::array({bot}), 201);
  CHECK(self["name"] == bot + "__" + bot);
  CHECK(sim.get("/_sim/stats")["mattermost_api_calls"]["POST /api/v4/channels/direct"] == 3);
}

TEST_CASE("bad direct-channel requests get Mattermost's AppErrors", "[chatsim][mattermost][dm]") {
  chatsim_process sim;
  std::string bot = user_id(sim, "oncallbot"), alice = user_id(sim, "alice"),
              bob = user_id(sim, "bob");
  auto refused = [&](const std::string& body) {
    auto [status, error] = create_direct(sim, body);
    CHECK(error["status_code"] == status);
    CHECK(error["request_id"].get<std::string>().size() == 26);
    return std::make_pair(status, error["id"].get<std::string>());
  };
  auto parse_error = std::make_pair(400, std::string("api.payload.parse.error"));
  CHECK(refused("not json") == parse_error);
  CHECK(refused("") == parse_error);
  CHECK(refused(json{{"user_ids", {bot, alice}}}.dump()) == parse_error);
  CHECK(refused("[1, 2]") == parse_error);
  auto bad_list = std::make_pair(400, std::string("api.context.invalid_body_param.app_error"));
  CHECK(refused("null") == bad_list);
  CHECK(refused(json::array({alice}).dump()) == bad_list);
  CHECK(refused(json::array({bot, alice, bob}).dump()) == bad_list);
  CHECK(refused(json::array({bot, "short"}).dump()) == bad_list);
  CHECK(create_direct(sim, json::array({bot, "short"}).dump()).second["message"] ==
        "Invalid or missing user_id in request body.");
  // Only an admin may open a DM between two other people.
  CHECK(refused(json::array({alice, bob}).dump()) ==
        std::make_pair(403, std::string("api.context.permissions.app_error")));
  CHECK(
      refused(json::array({bot, std::string(26, 'z')}).dump()) ==
      std::make_pair(400, std::string("api.channel.create_direct_channel.invalid_user.app_error")));
  CHECK(mm_call(sim, "POST", "/channels/direct", json::array({bot, alice}), "")->status == 401);
  CHECK(sim.get("/_sim/mattermost/dms")["dms"].empty());
}

TEST_CASE("posts in a DM reach the bot's socket as posted events with channel_type D",
          "[chatsim][mattermost][dm]") {
  chatsim_process sim;
  auto ws = chatsim_test::mm_connect(sim);
  std::string bot = user_id(sim, "oncallbot"), alice = user_id(sim, "alice");
  json dm = mm_ok(sim, "POST", "/channels/direct", json::array({bot, alice}), 201);
  json page = mm_ok(sim, "POST", "/posts",
                    {{"channel_id", dm["id"]}, {"message", "You are paged: #7"}}, 201);

  auto own = next_event(*ws, "posted", 2s);
  REQUIRE(own);
  const json& data = (*own)["data"];
  CHECK(json::parse(data["post"].get<std::string>())["id"] == page["id"]);
  CHECK(data["channel_type"] == "D");
  CHECK(data["channel_name"] == dm["name"]);
  CHECK(data["channel_display_name"] == "@oncallbot");  // a DM is named after its sender
  CHECK(data["sender_name"] == "@oncallbot");
  CHECK(data["team_id"] == "");
  CHECK_FALSE(data.contains("mentions"));  // the sender is not notified of its own post
  CHECK((*own)["broadcast"]["channel_id"] == dm["id"]);

  sim.post("/_sim/mattermost/message",
           {{"user", "alice"}, {"channel", dm["id"]}, {"message", "on it"}});
  auto reply = next_event(*ws, "posted", 2s);
  REQUIRE(reply);
  CHECK((*reply)["data"]["channel_display_name"] == "@alice");
  // Every DM post notifies the other side, though it names nobody.
  CHECK(json::parse((*reply)["data"]["mentions"].get<std::string>()) == json::array({bot}));
  CHECK(mm_ok(sim, "GET", "/channels/" + dm["id"].get<std::string>() + "/posts")["order"].size() ==
        2);
}

TEST_CASE("the control API reads a person's Mattermost DMs back by username",
          "[chatsim][mattermost][dm]") {
  chatsim_process sim;
  std::string bot = user_id(sim, "oncallbot"), carol = user_id(sim, "carol");
  json none = sim.get("/_sim/mattermost/dms/carol/posts");
  CHECK(none["user"] == json{{"id", carol}, {"username", "carol"}});
  CHECK(none["channel"].is_null());
  CHECK(none["posts"].empty());
  CHECK(sim.http().Get("/_sim/mattermost/dms/mallory/posts")->status == 404);

  json dm = mm_ok(sim, "POST", "/channels/direct", json::array({bot, carol}), 201);
  mm_ok(sim, "POST", "/posts", {{"channel_id", dm["id"]}, {"message", "Handover: you are on call"}},
        201);
  json back = sim.get("/_sim/mattermost/dms/carol/posts");
  CHECK(back["channel"] == json{{"id", dm["id"]}, {"name", dm["name"]}});
  REQUIRE(back["posts"].size() == 1);
  CHECK(back["posts"][0]["message"] == "Handover: you are on call");
  CHECK(back["posts"][0]["user_name"] == "oncallbot");
  CHECK(sim.get("/_sim/mattermost/dms/" + carol + "/posts")["posts"].size() == 1);
  CHECK(sim.get("/_sim/mattermost/dms")["dms"] ==
        json::array({{{"user", {{"id", carol}, {"username", "carol"}}},
                      {"channel", {{"id", dm["id"]}, {"name", dm["name"]}}}}}));
  std::string transcript = sim.http().Get("/_sim/transcript")->body;
  CHECK(transcript.find("DM @carol\n") != std::string::npos);
  CHECK(transcript.find("oncallbot: Handover: you are on call") != std::string::npos);
}
