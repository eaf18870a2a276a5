// How the config loader reports: every error at once, in line order, malformed YAML with the
// parser's line, secrets never echoed, and the one-line forms check-config prints.
#include <catch2/catch.hpp>

#include "config/loader.hpp"
#include "config_test_support.hpp"

using namespace oncall::test;

TEST_CASE("every error is reported, not just the first", "[unit][config]") {
  auto r = load(
      "log: {level: loud}\n"
      "people:\n"
      "  - {name: alice, timezone: Mars/Olympus}\n"
      "schedules:\n"
      "  - {name: p, start: 2026-11-02T09:00:00Z, shift: 7x, members: [alice]}\n");
  INFO(all_messages(r));
  REQUIRE(r.errors.size() == 3);
  CHECK_FALSE(r.cfg);
  CHECK(r.errors[0].line == 1);
  CHECK(r.errors[0].path == "log.level");
  CHECK(r.errors[0].message == "'loud' is not one of trace, debug, info, warn, error");
  CHECK(r.errors[1].line == 3);
  CHECK(r.errors[1].path == "people[0].timezone");
  CHECK(r.errors[2].line == 5);
  CHECK(r.errors[2].path == "schedules[0].shift");
}

TEST_CASE("errors come in line order whatever order sections are read in", "[unit][config]") {
  auto r = load(
      "routes:\n"
      "  - policy: nope\n"
      "people:\n"
      "  - {name: alice, timezone: Nowhere}\n");
  INFO(all_messages(r));
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[1].line == 4);
}

TEST_CASE("malformed YAML is one error with the parser's line", "[unit][config]") {
  auto r = oncall::load_config_string("chat:\n  platform: slack\n  bad: [1, 2\n  x: 3\n", {});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 4);
  CHECK(r.errors[0].path.empty());
  CHECK(r.errors[0].message ==
        "not valid YAML (end of sequence flow not found); check the indentation and quoting on "
        "this line and the one before");
}

TEST_CASE("an unquoted value with ${NAME} in it inside [ ] gets a hint to quote it",
          "[unit][config]") {
  // A bare [${ALERT_TOKEN}] is fine (config_flow_placeholder_test.cpp); part of a value is not.
  auto r = oncall::load_config_string("http:\n  webhook_tokens: [tok-${ALERT_TOKEN}]\n", {});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 2);
  CHECK_THAT(r.errors[0].message,
             Catch::EndsWith("a value inside [ ] or { } that contains ${…} must be quoted as a "
                             "whole, like [\"https://${HOST}/x\"]"));
}

TEST_CASE("a secret's value never appears in an error", "[unit][config]") {
  // A token read from a file with its trailing newline.
  auto r = oncall::load_config_string(
      "chat:\n"
      "  platform: slack\n"
      "  alerts_channel: alerts\n"
      "  slack:\n"
      "    app_token: xapp-1\n"
      "    bot_token: ${SLACK_BOT_TOKEN}\n",
      env_of({{"SLACK_BOT_TOKEN", "xoxb-very-secret\n"}}));
  auto e = only_error(r, 6, "chat.slack.bot_token");
  CHECK(e.message ==
        "the value contains spaces or control characters (a trailing newline?); tokens never do, "
        "so check where it comes from");
  CHECK(all_messages(r).find("very-secret") == std::string::npos);
}

TEST_CASE("a secret with a bad value is described, not shown", "[unit][config]") {
  auto r = load("notifiers:\n  - {name: pd, kind: pagerduty, routing_key: [R0UT1NG]}\n");
  auto e = only_error(r, 2, "notifiers[0].routing_key");
  CHECK(e.message == "expected a single value, not a list");
  CHECK(all_messages(r).find("R0UT1NG") == std::string::npos);
}

TEST_CASE("a bad storage URL is not echoed because it may hold a password", "[unit][config]") {
  auto e = only_error(load("storage: mysql://bot:hunter2@db/oncall\n"), 1, "storage");
  CHECK(e.message == "must be sqlite:PATH (e.g. sqlite:oncallbot.db) or a postgresql:// URL");
}

TEST_CASE("a missing token for the chosen platform is an error", "[unit][config]") {
  auto r = oncall::load_config_string(
      "chat:\n"
      "  platform: slack\n"
      "  alerts_channel: alerts\n"
      "  slack:\n"
      "    app_token: ${SLACK_APP_TOKEN:-}\n",
      env_of({}));
  INFO(all_messages(r));
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].line == 5);
  CHECK(r.errors[0].path == "chat.slack.app_token");
  CHECK(r.errors[0].message ==
        "is empty after substituting the environment; set the variable it names");
  // A missing key is reported where its mapping starts.
  CHECK(r.errors[1].line == 5);
  CHECK(r.errors[1].path == "chat.slack.bot_token");
  CHECK(r.errors[1].message == "is required but missing; add 'bot_token: …' here");
}

TEST_CASE("mattermost needs url, token and team", "[unit][config]") {
  auto r = oncall::load_config_string(
      "chat:\n"
      "  platform: mattermost\n"
      "  alerts_channel: alerts\n"
      "  mattermost: {url: chat.example.com, token: t}\n",
      env_of({}));
  INFO(all_messages(r));
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].path == "chat.mattermost.url");
  CHECK(r.errors[0].message ==
        "'chat.example.com' is not a URL; write it like https://host.example or "
        "http://127.0.0.1:8080");
  CHECK(r.errors[1].path == "chat.mattermost.team");
}

TEST_CASE("a file without a chat section is an error", "[unit][config]") {
  auto r = oncall::load_config_string("log: {level: info}\n", env_of({}));
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].line == 1);
  CHECK(r.errors[0].path == "chat");
  CHECK(r.errors[0].message == "is required but missing; add 'chat: …' here");
}

TEST_CASE("an unquoted #channel is caught instead of silently dropped", "[unit][config]") {
  auto r = load(two_people +
                "schedules:\n"
                "  - name: primary\n"
                "    start: 2026-11-02T09:00:00Z\n"
                "    shift: 7d\n"
                "    members: [alice]\n"
                "    handover_channel: #oncall\n");
  auto e = only_error(r, 9, "schedules[0].handover_channel");
  CHECK(e.message ==
        "has no value; '#' starts a YAML comment, so quote channel names: \"#oncall\"");
}

TEST_CASE("http defaults, sizes and URL normalisation", "[unit][config]") {
  auto defaults = load("");
  REQUIRE(defaults.cfg);
  CHECK(defaults.cfg->http.public_url == "http://127.0.0.1:8080");
  CHECK(defaults.cfg->http.max_body == 16u * 1024 * 1024);
  CHECK(defaults.cfg->chat.slack.api_url == "https://slack.com/api/");
  CHECK(defaults.cfg->storage.url == "sqlite:oncallbot.db");

  auto r = load("http: {max_body: 1GB, public_url: \"https://bot.example/\"}\n");
  REQUIRE(r.cfg);
  CHECK(r.cfg->http.max_body == 1024u * 1024 * 1024);
  CHECK(r.cfg->http.public_url == "https://bot.example");

  auto e = only_error(load("http:\n  max_body: 16 bananas\n"), 2, "http.max_body");
  CHECK(e.message ==
        "'16 bananas' is not a size; write it like 512KB, 16MB or 1GB, or a number of bytes");
  auto l = only_error(load("http: {listen: localhost}\n"), 1, "http.listen");
  CHECK(l.message == "'localhost' is not host:port; write it like 127.0.0.1:8080 or 0.0.0.0:8080");
}

TEST_CASE("a pagerduty notifier must write down its routing_key", "[unit][config]") {
  auto e = only_error(load("notifiers:\n  - {name: pd, kind: pagerduty}\n"), 2,
                      "notifiers[0].routing_key");
  CHECK(e.message == "is required but missing; add 'routing_key: …' here");
}

TEST_CASE("a missing config file is one error without a line", "[unit][config]") {
  auto r = oncall::load_config_file("/nonexistent/oncallbot.yaml", env_of({}));
  REQUIRE(r.errors.size() == 1);
  CHECK(oncall::format_config_error("/nonexistent/oncallbot.yaml", r.errors[0]) ==
        "/nonexistent/oncallbot.yaml: cannot read the file (No such file or directory); check "
        "the path and its permissions");
}

TEST_CASE("an empty file is an error", "[unit][config]") {
  auto r = oncall::load_config_string("# nothing yet\n", env_of({}));
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message == "the file is empty; start from config/example.yaml");
}

TEST_CASE("a required key written without a value is an error at its line", "[unit][config]") {
  auto r = load(two_people +
                "schedules:\n"
                "  - name: primary\n"
                "    start: 2026-11-02T09:00:00Z\n"
                "    shift:\n"
                "    members: [alice]\n");
  auto e = only_error(r, 7, "schedules[0].shift");
  CHECK(e.message == "has no value; it is required, so give it one");
}
