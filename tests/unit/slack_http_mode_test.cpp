// Slack HTTP mode (bot/chat/slack/slack_http_mode): request signatures checked against Slack's
// published test vector, the replay window, and form and interaction payloads.
#include <catch2/catch.hpp>

#include "bot/chat/slack/slack_http_mode.hpp"
#include "bot/chat/slack/socket_mode_frames.hpp"

using namespace oncall;

namespace {

// Slack's documented example (api.slack.com/authentication/verifying-requests-from-slack), also
// in ../shared/fixtures/slack/http_slash_command_signature_vector.json.
const std::string vector_secret = "8f742231b10e8888abcd99yyyzzz85a5";
const std::string vector_body =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&"
    "channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&"
    "response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&"
    "trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
const std::string vector_signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
constexpr std::int64_t vector_time = 1531420618;

inbound_http signed_request(std::string body = vector_body, std::string signature = vector_signature,
                            std::string timestamp = std::to_string(vector_time)) {
  inbound_http r;
  r.path = slack_command_path;
  r.body = std::move(body);
  r.headers["x-slack-signature"] = std::move(signature);
  r.headers["x-slack-request-timestamp"] = std::move(timestamp);
  return r;
}

}  // namespace

TEST_CASE("Slack's published test vector verifies", "[slack][http-mode]") {
  CHECK(verify_slack_request(signed_request(), vector_secret, vector_time).ok());
  CHECK(verify_slack_request(signed_request(), vector_secret, vector_time + 299).ok());
}

TEST_CASE("a forged, altered, stale or unsigned request is refused", "[slack][http-mode]") {
  auto refused = [](const inbound_http& r, std::int64_t now, const std::string& why) {
    auto v = verify_slack_request(r, vector_secret, now);
    REQUIRE_FALSE(v.ok());
    CHECK(v.err().message.find(why) != std::string::npos);
  };
  refused(signed_request(vector_body + "&text=resolve"), vector_time, "does not match");
  refused(signed_request(vector_body, "v0=" + std::string(64, '0')), vector_time, "does not match");
  refused(signed_request(), vector_time + 301, "more than five minutes old");
  refused(signed_request(), vector_time - 301, "more than five minutes old");
  refused(signed_request(vector_body, vector_signature, "soon"), vector_time, "not a unix time");
  inbound_http unsigned_request;
  unsigned_request.body = vector_body;
  refused(unsigned_request, vector_time, "lacks X-Slack-Signature");
  auto no_secret = verify_slack_request(signed_request(), "", vector_time);
  REQUIRE_FALSE(no_secret.ok());
  CHECK(no_secret.err().message.find("signing_secret") != std::string::npos);
}

TEST_CASE("a slash command's form becomes the same command as in Socket Mode", "[slack][http-mode]") {
  auto cmd = slack_command(slack_form_payload(vector_body));
  REQUIRE(cmd);
  CHECK(cmd->user == "U2CERLKJA");
  CHECK(cmd->channel == "G8PSS9T3V");
  CHECK(cmd->text.empty());
  CHECK(cmd->delivery_id == "slack-command:398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");
}

TEST_CASE("an interaction's payload field is read as JSON", "[slack][http-mode]") {
  auto payload = slack_action_payload(
      "payload=%7B%22type%22%3A%22block_actions%22%2C%22user%22%3A%7B%22id%22%3A%22U1%22%7D%2C"
      "%22actions%22%3A%5B%7B%22action_id%22%3A%22ack%22%2C%22value%22%3A%227%22%7D%5D%7D");
  REQUIRE(payload);
  auto click = slack_click(*payload);
  REQUIRE(click);
  CHECK(click->action_id == "ack");
  CHECK(click->value == "7");
  CHECK_FALSE(slack_action_payload("payload=not%20json"));
  CHECK_FALSE(slack_action_payload("other=1"));
}
