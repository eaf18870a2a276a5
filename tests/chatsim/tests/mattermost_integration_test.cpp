// Role: chatsim calling the bot as Mattermost does: a slash command form POST (headers, fields,
// response interpretation, response_url) and a button click posting the integration context
// and applying the answer's update and ephemeral_text.
#include <catch2/catch.hpp>

#include "mattermost_support.hpp"

using chatsim_test::chatsim_process;
using chatsim_test::fake_bot;
using chatsim_test::mm_ok;
using nlohmann::json;

TEST_CASE("a slash command is a form POST with Mattermost's headers; a JSON reply is an ephemeral",
          "[chatsim][mattermost]") {
  chatsim_process sim;
  fake_bot bot;
  bot.answer("/mattermost/command", 200, json{{"response_type", "ephemeral"}, {"text", "Acked <!here>"}}.dump());
  json reg = sim.post("/_sim/mattermost/commands", {{"trigger", "oncall"},
                                                    {"url", bot.url("/mattermost/command")},
                                                    {"token", "cmd-token"}});
  REQUIRE(reg["ok"] == true);

  json r = sim.post("/_sim/mattermost/command", {{"user", "alice"}, {"channel", "alerts"}, {"text", "ack 1 @bob"}});
  CHECK(r["status"] == 200);
  CHECK(r["response"]["text"] == "Acked <!here>");
  CHECK(r["posted"].is_null());
  CHECK(r["ephemeral"]["message"] == "Acked @here");

  auto seen = bot.requests();
  REQUIRE(seen.size() == 1);
  const auto& req = seen[0];
  CHECK(req.header("Authorization") == "Token cmd-token");
  CHECK(req.header("Content-Type") == "application/x-www-form-urlencoded");
  CHECK(req.header("Accept") == "application/json");
  CHECK(req.header("User-Agent") == "Mattermost-Bot/1.1");
  CHECK(req.field("command") == "/oncall");
  CHECK(req.field("text") == "ack 1 @bob");
  CHECK(req.field("channel_id") == chatsim_test::mm_channel_id(sim, "alerts"));
  CHECK(req.field("channel_name") == "alerts");
  CHECK(req.field("team_domain") == "ops");
  CHECK(req.field("team_id").size() == 26);
  CHECK(req.field("user_name") == "alice");
  CHECK(req.field("user_id") == mm_ok(sim, "GET", "/users/username/alice")["id"]);
  CHECK(req.field("token") == "cmd-token");
  CHECK_FALSE(req.field("trigger_id").empty());
  CHECK(req.field("user_mentions") == "bob");
  CHECK(req.field("user_mentions_ids") == mm_ok(sim, "GET", "/users/username/bob")["id"]);
  std::string response_url = req.field("response_url");
  CHECK(response_url == r["response_url"]);
  CHECK(response_url.rfind("http://127.0.0.1:" + std::to_string(sim.port()) + "/hooks/commands/", 0) == 0);
  CHECK(req.body.find("channel_id=") == 0);  // fields sorted, as url.Values encodes them

  json back = sim.get("/_sim/mattermost/channels/alerts/posts");
  REQUIRE(back["ephemeral"].size() == 1);
  CHECK(back["ephemeral"][0]["to_user_name"] == "alice");
  CHECK(back["ephemeral"][0]["message"] == "Acked @here");
  CHECK(back["posts"].empty());

  // The response_url takes further replies; in_channel ones are posted by the bot.
  std::string path = response_url.substr(response_url.find("/hooks/"));
  auto hook = sim.http().Post(path.c_str(), json{{"response_type", "in_channel"}, {"text", "Incident 1 acked"}}.dump(),
                              "application/json");
  REQUIRE(hook);
  CHECK(hook->status == 200);
  back = sim.get("/_sim/mattermost/channels/alerts/posts");
  REQUIRE(back["posts"].size() == 1);
  CHECK(back["posts"][0]["user_name"] == "oncallbot");
  CHECK(back["posts"][0]["message"] == "Incident 1 acked");
  CHECK(back["posts"][0]["props"]["from_webhook"] == "true");

  // Plain text is the whole reply; a failing command shows Mattermost's error to the user.
  bot.answer("/mattermost/command", 200, "just text", "text/plain");
  CHECK(sim.post("/_sim/mattermost/command", {{"user", "bob"}, {"channel", "alerts"}, {"text", "who"}})["ephemeral"]["message"] ==
        "just text");
  bot.answer("/mattermost/command", 500, "{}");
  json failed = sim.post("/_sim/mattermost/command", {{"user", "bob"}, {"channel", "alerts"}, {"text", "who"}});
  CHECK(failed["status"] == 500);
  CHECK(failed["ephemeral"]["message"] == "Command with a trigger of '/oncall' failed");
  CHECK(sim.post("/_sim/mattermost/command", {{"user", "bob"}, {"channel", "alerts"}, {"command", "/nope"}})
            .contains("error"));
}

TEST_CASE("a click posts the stored context to the integration URL and applies the update",
          "[chatsim][mattermost]") {
  chatsim_process sim;
  fake_bot bot;
  std::string alerts = chatsim_test::mm_channel_id(sim, "alerts");
  json props{{"attachments",
              json::array({{{"text", "HighCPU"},
                            {"actions", json::array({{{"id", "ack"}, {"name", "Ack"}, {"type", "button"},
                                                      {"integration", {{"url", bot.url("/mattermost/action")},
                                                                       {"context", {{"action", "ack"}, {"incident", 7}}}}}}})}}})}};
  std::string post_id = mm_ok(sim, "POST", "/posts", {{"channel_id", alerts}, {"message", "SEV2"}, {"props", props}}, 201)["id"];
  bot.answer("/mattermost/action", 200,
             json{{"update", {{"message", "SEV2 acked by @alice"}}}, {"ephemeral_text", "You acked it"}}.dump());

  json r = sim.post("/_sim/mattermost/click", {{"user", "alice"}, {"channel", "alerts"}, {"post_id", post_id},
                                               {"action_id", "ack"}});
  CHECK(r["status"] == 200);
  CHECK(r["ephemeral_text"] == "You acked it");
  auto seen = bot.requests();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].header("Content-Type") == "application/json");
  CHECK(seen[0].header("Accept") == "application/json");
  json sent = json::parse(seen[0].body);
  CHECK(sent["context"] == json{{"action", "ack"}, {"incident", 7}});
  CHECK(sent["user_name"] == "alice");
  CHECK(sent["user_id"] == mm_ok(sim, "GET", "/users/username/alice")["id"]);
  CHECK(sent["channel_id"] == alerts);
  CHECK(sent["channel_name"] == "alerts");
  CHECK(sent["team_domain"] == "ops");
  CHECK(sent["post_id"] == post_id);
  CHECK(sent["type"] == "button");
  CHECK(sent["data_source"] == "");
  CHECK_FALSE(sent["trigger_id"].get<std::string>().empty());

  json back = sim.get("/_sim/mattermost/channels/alerts/posts");
  const json& post = back["posts"][0];
  CHECK(post["message"] == "SEV2 acked by @alice");
  CHECK(post["props"]["attachments"][0]["actions"][0]["id"] == "ack");  // props absent: kept
  CHECK(post["edits"].size() == 1);
  REQUIRE(back["ephemeral"].size() == 1);
  CHECK(back["ephemeral"][0]["to_user_name"] == "alice");
  CHECK(back["ephemeral"][0]["message"] == "You acked it");

  bot.answer("/mattermost/action", 200, json{{"update", {{"message", "resolved"}, {"props", json::object()}}}}.dump());
  sim.post("/_sim/mattermost/click", {{"user", "bob"}, {"channel", "alerts"}, {"post_id", post_id}, {"action_id", "ack"}});
  json cleared = mm_ok(sim, "GET", "/posts/" + post_id);
  CHECK(cleared["message"] == "resolved");
  CHECK_FALSE(cleared["props"].contains("attachments"));
  CHECK(cleared["type"] == "");

  auto missing = sim.http().Post("/_sim/mattermost/click",
                                 json{{"user", "bob"}, {"channel", "alerts"}, {"post_id", post_id}, {"action_id", "ack"}}.dump(),
                                 "application/json");
  CHECK(missing->status == 404);  // the update removed the button
}

TEST_CASE("a click the integration refuses records Mattermost's failure", "[chatsim][mattermost]") {
  chatsim_process sim;
  fake_bot bot;
  std::string alerts = chatsim_test::mm_channel_id(sim, "alerts");
  json props{{"attachments", json::array({{{"actions", json::array({{{"id", "ack"}, {"name", "Ack"},
      {"integration", {{"url", bot.url("/mattermost/action")}, {"context", {{"sig", "x"}}}}}}})}}})}};
  std::string post_id = mm_ok(sim, "POST", "/posts", {{"channel_id", alerts}, {"message", "m"}, {"props", props}}, 201)["id"];
  bot.answer("/mattermost/action", 401, json{{"error", "forged"}}.dump());
  json r = sim.post("/_sim/mattermost/click", {{"user", "carol"}, {"channel", "alerts"}, {"post_id", post_id},
                                               {"action_id", "ack"}});
  CHECK(r["status"] == 401);
  CHECK(r["ephemeral_text"].is_null());
  json back = sim.get("/_sim/mattermost/channels/alerts/posts");
  CHECK(back["posts"][0]["message"] == "m");
  REQUIRE(back["ephemeral"].size() == 1);
  CHECK(back["ephemeral"][0]["message"] == "Action failed to execute");
}
