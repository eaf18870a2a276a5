// Slack HTTP mode on the real binary: POST /slack/command and /slack/action signed with the
// app's signing secret act like Socket Mode; unsigned or stale requests are refused and change
// nothing.
#include <catch2/catch.hpp>

#include <chrono>

#include "bot/net/hmac.hpp"
#include "bot/net/url.hpp"
#include "platforms.hpp"

using namespace oncall::testing;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

httplib::Headers signed_headers(const std::string& body, std::int64_t at = unix_now(),
                                const std::string& secret = slack_signing_secret) {
  auto ts = std::to_string(at);
  return {{"X-Slack-Request-Timestamp", ts},
          {"X-Slack-Signature", "v0=" + oncall::hmac_sha256_hex(secret, "v0:" + ts + ":" + body)}};
}

std::string command_form(const std::string& user, const std::string& text, const std::string& trigger) {
  return "token=unused&team_id=T0SIM&channel_id=C0ALERTS&channel_name=alerts&user_id=" + user +
         "&command=%2Foncall&text=" + oncall::url_encode(text) + "&trigger_id=" + trigger +
         "&response_url=https%3A%2F%2Fhooks.slack.invalid%2Fx";
}

}  // namespace

TEST_CASE("Slack HTTP mode: signed commands and clicks act, unsigned ones change nothing",
          "[integration][slack][http-mode]") {
  slack_world w("slack-http-mode", {}, bot_options{});
  w.start();
  REQUIRE(w.b.wait_ready());
  httplib::Client http("127.0.0.1", w.b.http_port());
  const auto form = "application/x-www-form-urlencoded";

  auto body = command_form("U0ALICE", "page Disk full on db-1", "1.2.http");
  auto stale = http.Post("/slack/command", signed_headers(body, unix_now() - 600), body, form);
  REQUIRE(stale);
  CHECK(stale->status == 401);
  auto forged = http.Post("/slack/command", signed_headers(body, unix_now(), "not-the-secret"), body, form);
  REQUIRE(forged);
  CHECK(forged->status == 401);
  CHECK(w.b.count("incidents") == 0);

  auto paged = http.Post("/slack/command", signed_headers(body), body, form);
  REQUIRE(paged);
  CHECK(paged->status == 200);
  CHECK(w.b.count("incidents") == 1);
  REQUIRE(eventually([&] { return w.chat.top_level("alerts").size() == 1; }));
  auto announcement = w.chat.top_level("alerts")[0];

  auto who = command_form("U0BOB", "who", "2.2.http");
  auto answered = http.Post("/slack/command", signed_headers(who), who, form);
  REQUIRE(answered);
  CHECK(answered->status == 200);
  CHECK(contains(answered->body, "On call now"));
  CHECK(contains(answered->body, "\"response_type\":\"ephemeral\""));

  nlohmann::json click = {{"type", "block_actions"},
                          {"trigger_id", "3.3.http"},
                          {"user", {{"id", "U0ALICE"}}},
                          {"container", {{"channel_id", "C0ALERTS"},
                                         {"message_ts", announcement.ref}}},
                          {"actions", {{{"action_id", "ack"}, {"value", "1"}}}}};
  auto click_body = "payload=" + oncall::url_encode(click.dump());
  auto clicked = http.Post("/slack/action", signed_headers(click_body), click_body, form);
  REQUIRE(clicked);
  CHECK(clicked->status == 200);
  REQUIRE(eventually([&] { return contains(w.chat.top_level("alerts")[0].text, "Acknowledged"); }));
}
