// Bad input at every door gets a clear error and changes nothing: storage row counts and the
// chat channel are compared before and after.
#include <catch2/catch.hpp>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

struct state_snapshot {
  std::int64_t incidents, alerts, timeline, effects;
  std::size_t messages;
  bool operator==(const state_snapshot&) const = default;
};

state_snapshot snapshot(bot& b, chat_view& chat) {
  return {b.count("incidents"), b.count("alerts"), b.count("timeline"), b.count("effects"),
          chat.bot_messages("alerts").size()};
}

std::string error_of(const httplib::Result& res) {
  auto body = json::parse(res->body, nullptr, false);
  return body.is_object() ? body.value("error", "") : "";
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEMPLATE_TEST_CASE("bad webhook input gets a 4xx with a JSON error that names the problem, and changes nothing",
                   "[integration]", ONCALL_PLATFORMS) {
  TestType w("bad-input");
  w.start();
  REQUIRE(w.b.wait_ready());
  auto& b = w.b;
  auto before = snapshot(b, w.chat);

  SECTION("malformed JSON") {
    auto res = b.post("/webhooks/alertmanager", "{\"receiver\": \"x\", ");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(contains(error_of(res), "not valid JSON"));
  }
  SECTION("wrong content type") {
    auto res = b.post("/webhooks/generic", R"({"title":"x","dedup_key":"y"})", "text/plain");
    REQUIRE(res);
    CHECK(res->status == 415);
    CHECK(contains(error_of(res), "Content-Type: application/json"));
  }
  SECTION("missing fields") {
    auto res = b.post("/webhooks/generic", R"({"title":"disk full"})");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(contains(error_of(res), "dedup_key"));
    auto am = b.post("/webhooks/alertmanager",
                     R"({"version":"4","status":"firing","groupKey":"g","alerts":[{"status":"firing","labels":{"alertname":"A"},"annotations":{},"startsAt":"2026-11-24T04:56:36.846Z","endsAt":"0001-01-01T00:00:00Z"}]})");
    REQUIRE(am);
    CHECK(am->status == 400);
    CHECK(contains(error_of(am), "fingerprint"));
  }
  SECTION("a body over http.max_body (16 MB by default)") {
    std::string big = R"({"title":"x","dedup_key":"y","labels":{"pad":")" + std::string(17 * 1024 * 1024, 'a') + "\"}}";
    auto res = b.post("/webhooks/generic", big);
    REQUIRE(res);
    CHECK(res->status == 413);
    CHECK(contains(error_of(res), "max_body"));
  }
  SECTION("a wrong token, and no token") {
    auto wrong = b.post("/webhooks/generic", R"({"title":"x","dedup_key":"y"})", "application/json", "not-the-token");
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    CHECK(contains(error_of(wrong), "webhook_tokens"));
    auto none = b.post("/webhooks/generic", R"({"title":"x","dedup_key":"y"})", "application/json", "");
    REQUIRE(none);
    CHECK(none->status == 401);
  }
  CHECK(snapshot(b, w.chat) == before);
}

TEMPLATE_TEST_CASE("an unknown subcommand, a bad id and an unknown user get an ephemeral error and change nothing",
                   "[integration]", ONCALL_PLATFORMS) {
  TestType w("bad-command");
  w.start();
  REQUIRE(w.b.wait_ready());
  auto before = snapshot(w.b, w.chat);

  auto unknown = w.chat.command("alice", "alerts", "frobnicate 7");
  REQUIRE(unknown.answered);
  CHECK(contains(unknown.reply, "Unknown command"));
  CHECK(contains(unknown.reply, "/oncall help"));
  CHECK(contains(unknown.raw.dump(), "ephemeral"));

  auto bad_id = w.chat.command("alice", "alerts", "ack 99");
  CHECK(contains(bad_id.reply, "no incident #99"));
  CHECK(contains(bad_id.reply, "/oncall ack [ID]"));

  auto stranger = w.chat.command("eve", "alerts", "page something broke");
  CHECK(contains(stranger.reply, "not in oncallbot's people list"));

  auto quote = w.chat.command("alice", "alerts", "page \"unclosed");
  CHECK(contains(quote.reply, "quote is not closed"));

  CHECK(snapshot(w.b, w.chat) == before);
}

TEST_CASE("Mattermost requests with a bad command token or a forged button context are refused with 401",
          "[integration]") {
  mattermost_world w("mattermost-forgery");
  w.start();
  REQUIRE(w.b.wait_ready());
  REQUIRE(w.b.post("/webhooks/generic", R"({"title":"Disk full","dedup_key":"disk"})")->status == 200);
  REQUIRE(eventually([&] { return w.chat.top_level("alerts").size() == 1; }));
  auto page = w.chat.top_level("alerts")[0];
  auto before = snapshot(w.b, w.chat);
  const std::string form = "channel_id=calerts0000000000000000000&user_name=alice&user_id=ualice00000000000000000000"
                           "&text=resolve+1&trigger_id=forged1&command=%2Foncall";

  auto wrong_token = w.b.raw_post("/mattermost/command", form, "application/x-www-form-urlencoded",
                                  {{"Authorization", "Token not-the-command-token"}});
  REQUIRE(wrong_token);
  CHECK(wrong_token->status == 401);
  CHECK(contains(error_of(wrong_token), "command_token"));
  auto no_token = w.b.raw_post("/mattermost/command", form, "application/x-www-form-urlencoded", {});
  REQUIRE(no_token);
  CHECK(no_token->status == 401);

  json forged = {{"user_id", "ualice00000000000000000000"}, {"user_name", "alice"},
                 {"channel_id", "calerts0000000000000000000"}, {"post_id", page.ref},
                 {"trigger_id", "forged2"},
                 {"context", {{"action", "resolve"}, {"value", "1"}, {"sig", std::string(64, 'a')}}}};
  auto forged_click = w.b.raw_post("/mattermost/action", forged.dump(), "application/json", {});
  REQUIRE(forged_click);
  CHECK(forged_click->status == 401);
  CHECK(contains(error_of(forged_click), "not signed by this oncallbot"));
  forged["context"].erase("sig");
  auto unsigned_click = w.b.raw_post("/mattermost/action", forged.dump(), "application/json", {});
  REQUIRE(unsigned_click);
  CHECK(unsigned_click->status == 401);

  CHECK(snapshot(w.b, w.chat) == before);
  CHECK_FALSE(contains(w.chat.top_level("alerts")[0].text, "Resolved"));
}
