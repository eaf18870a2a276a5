// Inputs the fuzz targets in tests/fuzz found, kept as regression tests: each one once broke
// a parser's promise (an error or a command text that can be sent back as JSON).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <string>

#include "bot/ingest/alertmanager.hpp"
#include "bot/ingest/generic.hpp"
#include "bot/ingest/grafana.hpp"
#include "bot/ingest/pagerduty.hpp"
#include "bot/chat/mattermost/mattermost_requests.hpp"
#include "bot/chat/slack/slack_http_mode.hpp"
#include "bot/chat/slack/socket_mode_frames.hpp"
#include "bot/net/url.hpp"

using namespace oncall;

namespace {

// What the HTTP server does with a parser's error: {"error": …, "field": …} through dump(),
// which throws on invalid UTF-8 (the request then failed with a 500 instead of a 400).
std::string error_reply(const error& e) {
  return nlohmann::json{{"error", e.message}, {"field", e.field}}.dump();
}

// Malformed JSON whose echoed token holds "; expected " followed by a broken UTF-8 sequence:
// the parse error used to keep the sender's raw bytes after that text.
const std::string echo_with_expected = std::string("\"; expected \xd0", 13);
const std::string title_with_expected =
    std::string("{\"title\": \"N'ght;l; expected i\x94\x9a\x9b\xdd\xd3\xdf\xc4\xd5", 38) +
    "expectckup-night: {}\n";

}  // namespace

TEST_CASE("malformed JSON whose echoed bytes look like an expected-clause gets a JSON error reply",
          "[unit][ingest]") {
  for (const auto* body : {&echo_with_expected, &title_with_expected}) {
    for (const auto& parsed : {parse_alertmanager(*body), parse_generic(*body), parse_grafana(*body)}) {
      REQUIRE_FALSE(parsed.ok());
      CHECK_THAT(parsed.err().message, Catch::StartsWith("the body is not valid JSON: "));
      CHECK_NOTHROW(error_reply(parsed.err()));
      CHECK(parsed.err().message.find("; expected ") == std::string::npos);
    }
    auto event = parse_pagerduty(*body);
    REQUIRE_FALSE(event.ok());
    CHECK_NOTHROW(error_reply(event.err()));
  }
}

TEST_CASE("a parse error still says which token was expected", "[unit][ingest]") {
  auto parsed = parse_generic(R"({"title" "x"})");
  REQUIRE_FALSE(parsed.ok());
  CHECK_THAT(parsed.err().message, Catch::Contains("; expected ':'"));
  CHECK(parsed.err().message.find("last read") == std::string::npos);
}

TEST_CASE("form fields that decode to bytes that are not UTF-8 become U+FFFD", "[unit][net]") {
  // %ff%fe decoded to raw bytes: the slash command's text then broke every JSON reply quoting it
  // (and a note stored with it broke the timeline).
  const std::string body = "text=a%ff%fe+%C3%A9%E2%82%AC%F0%9F%98%80%C3&user_id=%&channel_id=%2&trigger_id=%zz";
  auto fields = parse_form(body);
  CHECK(fields.find("text")->second == "a\xEF\xBF\xBD\xEF\xBF\xBD \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xEF\xBF\xBD");
  CHECK(fields.find("trigger_id")->second == "%zz");

  auto cmd = slack_command(slack_form_payload(body));
  REQUIRE(cmd);
  CHECK_NOTHROW(nlohmann::json{{"text", "Unknown command " + cmd->text}}.dump());

  inbound_http request;
  request.body = body + "&user_name=%C0%AF&token=t";  // an overlong '/' is not UTF-8 either
  auto mm = mattermost_command(request, "t");
  REQUIRE(mm.ok());
  CHECK(mm->user == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK_NOTHROW(nlohmann::json{{"text", mm->text}, {"user", mm->user}}.dump());
}
