// Role: chatsim's Mattermost REST v4 as the bot sees it: token checks, post create / patch /
// update with integrations stripped, PostList order, the opt-in rate limit with its plain-text
// 429, injected faults, stats and the transcript.
#include <catch2/catch.hpp>

#include "mattermost_support.hpp"

using chatsim_test::chatsim_process;
using chatsim_test::mm_call;
using chatsim_test::mm_ok;
using nlohmann::json;

namespace {

json button_props(const std::string& url) {
  return {{"attachments",
           json::array({{{"text", "HighCPU on web-1"},
                         {"fields", json::array({{{"title", "Severity"}, {"value", "SEV2"}, {"short", true}}})},
                         {"actions", json::array({{{"id", "ack"}, {"name", "Ack"}, {"type", "button"},
                                                   {"integration", {{"url", url}, {"context", {{"incident", 7}}}}}}})}}})}};
}

}  // namespace

TEST_CASE("users/me answers the bot user for its token and a 401 AppError without it",
          "[chatsim][mattermost]") {
  chatsim_process sim;
  auto res = mm_call(sim, "GET", "/users/me", nullptr, "");
  REQUIRE(res);
  CHECK(res->status == 401);
  CHECK(res->get_header_value("Content-Type") == "application/json");  // exactly, as Client4 wants
  json error = json::parse(res->body);
  CHECK(error["id"] == "api.context.session_expired.app_error");
  CHECK(error["message"] == "Invalid or expired session, please login again.");
  CHECK(error["status_code"] == 401);
  CHECK(error["detailed_error"] == "");
  CHECK(error["request_id"].get<std::string>().size() == 26);
  CHECK(mm_call(sim, "GET", "/users/me", nullptr, "wrong-token")->status == 401);

  json me = mm_ok(sim, "GET", "/users/me");
  CHECK(me["username"] == "oncallbot");
  CHECK(me["is_bot"] == true);
  CHECK(me["id"].get<std::string>().size() == 26);
  CHECK(mm_ok(sim, "GET", "/users/username/alice")["id"] ==
        mm_ok(sim, "GET", "/users/" + mm_ok(sim, "GET", "/users/username/alice")["id"].get<std::string>())["id"]);
  CHECK(mm_call(sim, "GET", "/users/username/mallory")->status == 404);
  CHECK(mm_call(sim, "GET", "/teams/name/ops/channels/name/nope")->status == 404);
  CHECK(mm_ok(sim, "GET", "/teams/name/ops")["name"] == "ops");
}

TEST_CASE("a post is created with 201, patched, and read back with its integrations stripped",
          "[chatsim][mattermost]") {
  chatsim_process sim;
  std::string alerts = chatsim_test::mm_channel_id(sim, "alerts");
  json created = mm_ok(sim, "POST", "/posts?set_online=false",
                       {{"channel_id", alerts}, {"message", "**SEV2** HighCPU"},
                        {"props", button_props("http://127.0.0.1:9/action")}}, 201);
  std::string id = created["id"];
  CHECK(id.size() == 26);
  CHECK(created["type"] == "slack_attachment");
  CHECK(created["edit_at"] == 0);
  CHECK(created["root_id"] == "");
  CHECK(created["props"]["from_bot"] == "true");
  CHECK(created["create_at"].is_number_integer());
  json action = created["props"]["attachments"][0]["actions"][0];
  CHECK(action["id"] == "ack");
  CHECK_FALSE(action.contains("integration"));

  json patched = mm_ok(sim, "PUT", "/posts/" + id + "/patch", {{"message", "**SEV2** HighCPU (acked)"}});
  CHECK(patched["message"] == "**SEV2** HighCPU (acked)");
  CHECK(patched["edit_at"].get<long long>() > 0);
  CHECK(patched["update_at"] == patched["edit_at"]);
  CHECK(patched["props"]["attachments"][0]["actions"][0]["name"] == "Ack");  // props kept
  CHECK(mm_ok(sim, "GET", "/posts/" + id)["message"] == "**SEV2** HighCPU (acked)");

  // A reply must name a live post of the same channel.
  CHECK(mm_call(sim, "POST", "/posts", {{"channel_id", alerts}, {"message", "x"},
                                        {"root_id", "zzzzzzzzzzzzzzzzzzzzzzzzzz"}})->status == 400);
  mm_ok(sim, "POST", "/posts", {{"channel_id", alerts}, {"message", "details"}, {"root_id", id}}, 201);

  json back = sim.get("/_sim/mattermost/channels/alerts/posts");
  CHECK(back["channel"]["name"] == "alerts");
  REQUIRE(back["posts"].size() == 2);
  CHECK(back["posts"][0]["user_name"] == "oncallbot");
  CHECK(back["posts"][0]["reply_count"] == 1);
  REQUIRE(back["posts"][0]["edits"].size() == 1);
  CHECK(back["posts"][0]["edits"][0]["message"] == "**SEV2** HighCPU");
  CHECK_FALSE(back["posts"][0]["props"]["attachments"][0]["actions"][0].contains("integration"));
  CHECK(back["posts"][1]["root_id"] == id);
}

TEST_CASE("channel posts come as a PostList, newest first; a full update clears what it omits",
          "[chatsim][mattermost]") {
  chatsim_process sim;
  std::string oncall = chatsim_test::mm_channel_id(sim, "oncall");
  std::vector<std::string> ids;
  for (const char* text : {"one", "two", "three"}) {
    ids.push_back(mm_ok(sim, "POST", "/posts", {{"channel_id", oncall}, {"message", text}}, 201)["id"]);
  }
  json list = mm_ok(sim, "GET", "/channels/" + oncall + "/posts");
  CHECK(list["order"] == json::array({ids[2], ids[1], ids[0]}));
  CHECK(list["posts"][ids[0]]["message"] == "one");
  CHECK(list["has_next"] == false);

  json page = mm_ok(sim, "GET", "/channels/" + oncall + "/posts?per_page=2");
  CHECK(page["order"] == json::array({ids[2], ids[1]}));
  CHECK(page["prev_post_id"] == ids[0]);
  CHECK(mm_ok(sim, "GET", "/channels/" + oncall + "/posts?per_page=2&page=1")["order"] ==
        json::array({ids[0]}));
  CHECK(mm_ok(sim, "GET", "/channels/" + oncall + "/posts?after=" + ids[0])["order"] ==
        json::array({ids[2], ids[1]}));

  auto mismatched = mm_call(sim, "PUT", "/posts/" + ids[1], {{"id", ids[0]}, {"message", "x"}});
  CHECK(mismatched->status == 400);
  mm_ok(sim, "PUT", "/posts/" + ids[1] + "/patch", {{"props", {{"k", "v"}}}});
  json updated = mm_ok(sim, "PUT", "/posts/" + ids[1], {{"id", ids[1]}, {"message", "TWO"}});
  CHECK(updated["message"] == "TWO");
  CHECK_FALSE(updated["props"].contains("k"));
}

TEST_CASE("with the rate limit on, the limit is refused with 429 and a plain-text body",
          "[chatsim][mattermost]") {
  chatsim_process sim({"--mattermost-rate-limit", "on", "--mattermost-per-sec", "1",
                       "--mattermost-burst", "2"});
  for (int i = 0; i < 3; ++i) {
    auto res = mm_call(sim, "GET", "/users/me");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("X-Ratelimit-Limit") == "3");
    CHECK(res->get_header_value("X-Ratelimit-Remaining") == std::to_string(2 - i));
  }
  auto refused = mm_call(sim, "GET", "/users/me");
  REQUIRE(refused);
  CHECK(refused->status == 429);
  CHECK(refused->body == "limit exceeded\n");
  CHECK(refused->get_header_value("Content-Type").rfind("text/plain", 0) == 0);
  CHECK(std::stoi(refused->get_header_value("Retry-After")) >= 1);
  CHECK(refused->get_header_value("X-Ratelimit-Remaining") == "0");
  CHECK(sim.get("/_sim/stats")["mattermost_rate_limited"] == 1);

  chatsim_process unlimited;  // off by default, like a real server
  auto res = mm_call(unlimited, "GET", "/users/me");
  CHECK(res->status == 200);
  CHECK_FALSE(res->has_header("X-Ratelimit-Limit"));
}

TEST_CASE("faults apply to Mattermost routes by name, and stats and transcript show the dialect",
          "[chatsim][mattermost]") {
  chatsim_process sim;
  std::string alerts = chatsim_test::mm_channel_id(sim, "alerts");
  sim.post("/_sim/faults", {{"method", "POST /api/v4/posts"}, {"mode", "error500"}, {"count", 1}});
  auto failed = mm_call(sim, "POST", "/posts", {{"channel_id", alerts}, {"message", "x"}});
  REQUIRE(failed);
  CHECK(failed->status == 500);
  CHECK(json::parse(failed->body)["status_code"] == 500);
  json post = mm_ok(sim, "POST", "/posts",
                    {{"channel_id", alerts}, {"message", "HighCPU"}, {"props", button_props("http://127.0.0.1:9/a")}}, 201);
  sim.post("/_sim/mattermost/message", {{"user", "alice"}, {"channel", "alerts"},
                                        {"message", "looking"}, {"root_id", post["id"]}});
  sim.post("/_sim/mattermost/react", {{"user", "bob"}, {"post_id", post["id"]}, {"emoji_name", "eyes"}});

  json stats = sim.get("/_sim/stats");
  CHECK(stats["mattermost_api_calls"]["POST /api/v4/posts"] == 2);
  CHECK(stats["mattermost_api_calls"]["GET /api/v4/teams/name/{team_name}/channels/name/{channel_name}"] == 1);
  CHECK(stats["faults_applied"] == 1);

  auto transcript = sim.http().Get("/_sim/transcript")->body;
  auto section = transcript.find("Mattermost");
  REQUIRE(section != std::string::npos);
  std::string mm = transcript.substr(section);
  CHECK(mm.find("~alerts") != std::string::npos);
  CHECK(mm.find("oncallbot: HighCPU") != std::string::npos);
  CHECK(mm.find("▌ Severity: SEV2") != std::string::npos);
  CHECK(mm.find("[Ack]") != std::string::npos);
  CHECK(mm.find("↳ [") != std::string::npos);
  CHECK(mm.find("alice: looking") != std::string::npos);
  CHECK(mm.find(":eyes: bob") != std::string::npos);
}
