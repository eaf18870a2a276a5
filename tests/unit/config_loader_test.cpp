// The config loader against whole documents: valid configs, and each kind of mistake a user
// makes, with the line, key path and message check-config would print.
#include <catch2/catch.hpp>

#include "config/loader.hpp"
#include "config_test_support.hpp"

namespace {
using oncall::test::all_messages;
using oncall::test::env_of;
using oncall::test::load;
using oncall::test::only_error;
using oncall::test::two_people;
}  // namespace

TEST_CASE("the example config is valid with an empty environment", "[unit][config]") {
  auto r = oncall::load_config_file(ONCALLBOT_SOURCE_DIR "/config/example.yaml", env_of({}));
  INFO(all_messages(r));
  REQUIRE(r.errors.empty());
  REQUIRE(r.cfg);
  CHECK(oncall::config_summary(*r.cfg) ==
        "ok: slack, 4 people, 2 schedules, 1 escalation policy, 2 routes, 1 runbook, "
        "storage sqlite:oncallbot.db");
  CHECK(r.cfg->chat.slack.app_token == "xapp-replace-me");
  CHECK(r.cfg->http.webhook_tokens.empty());  // "${ALERT_TOKEN:-}" unset: dropped
  CHECK(r.cfg->schedules[0].overrides.size() == 1);
  CHECK(r.cfg->route_policy({{"team", "payments"}}) == "default");
}

TEST_CASE("a full mattermost config reads every field", "[unit][config]") {
  auto r = oncall::load_config_file(
      ONCALLBOT_SOURCE_DIR "/tests/fixtures/config/full-mattermost.yaml",
      env_of({{"MM_TOKEN", "mm-secret"}, {"ALERT_TOKEN", "a1"}, {"PG_PASSWORD", "hunter2"}}));
  INFO(all_messages(r));
  REQUIRE(r.cfg);
  const auto& c = *r.cfg;
  CHECK(c.chat.platform == oncall::chat_platform_kind::mattermost);
  CHECK(c.chat.incident_rooms == oncall::incident_room_mode::channel);
  CHECK(c.chat.mattermost.url == "http://127.0.0.1:8065");  // trailing '/' stripped
  CHECK(c.chat.mattermost.token == "mm-secret");
  CHECK(c.chat.mattermost.command_token.empty());
  CHECK(c.http.listen == "0.0.0.0:9090");
  CHECK(c.http.public_url == "http://0.0.0.0:9090");  // default http://{listen}
  CHECK(c.http.webhook_tokens == std::vector<std::string>{"a1", "static-token"});
  CHECK(c.http.max_body == 512u * 1024);
  CHECK(c.storage.url == "postgresql://bot:hunter2@db.internal/oncall");
  CHECK_FALSE(c.storage.backup);  // scheduled backups are SQLite-only (config_backup_test.cpp)
  CHECK(c.log.level == "debug");
  CHECK(c.log.format == "json");
  CHECK(c.people[1].jira == "bob.jira");
  CHECK(c.people[1].timezone == "UTC");
  const auto& s = c.schedules[0];
  CHECK(s.start == *oncall::parse_iso8601("2026-11-02T08:00:00Z"));  // YAML's space form
  CHECK(s.shift == std::chrono::hours(12));
  CHECK(s.handover_channel == "#oncall");
  CHECK(s.handover_accept == std::chrono::minutes(15));
  CHECK(s.overrides.size() == 2);  // touching, not overlapping
  const auto& p = c.escalation_policies[0];
  CHECK(p.repeat == 2);
  CHECK(p.levels[1].notify ==
        std::vector<oncall::notify_target>{{oncall::notify_target::kind::person, "bob"},
                                           {oncall::notify_target::kind::notifier, "sms"},
                                           {oncall::notify_target::kind::notifier, "pd"}});
  CHECK(c.route_policy({{"team", "payments"}}) == "default");
  CHECK(c.routes[0].match.size() == 2);
  REQUIRE(c.tracker);
  CHECK(c.tracker->url == "https://example.atlassian.net");
  CHECK(c.tracker->issue_type == "Incident");
  CHECK(c.tracker->followup_type == "Sub-task");
  CHECK(c.postmortems.git);
  const auto& rb = c.runbooks[0];
  CHECK(rb.command.size() == 4);
  CHECK(rb.params[0].max_length == 40);
  CHECK(rb.params[1].default_value == "v1.0.0");
  CHECK(rb.params[1].max_length == 256);
  CHECK(rb.timeout == std::chrono::minutes(5));
  CHECK(rb.confirm);
  CHECK(oncall::config_summary(c) ==
        "ok: mattermost, 2 people, 1 schedule, 1 escalation policy, 2 routes, 1 runbook, "
        "storage postgresql://bot:***@db.internal/oncall");
}

TEST_CASE("${NAME} is replaced by the environment variable", "[unit][config]") {
  auto r = load("http:\n  public_url: https://${HOST}/bot\n", {{"HOST", "oncall.example"}});
  REQUIRE(r.cfg);
  CHECK(r.cfg->http.public_url == "https://oncall.example/bot");
}

TEST_CASE("${NAME:-default} uses the default when NAME is unset or empty", "[unit][config]") {
  const std::string yaml = "http:\n  listen: ${LISTEN:-127.0.0.1:9999}\n";
  auto unset = load(yaml);
  REQUIRE(unset.cfg);
  CHECK(unset.cfg->http.listen == "127.0.0.1:9999");
  auto empty = load(yaml, {{"LISTEN", ""}});
  REQUIRE(empty.cfg);
  CHECK(empty.cfg->http.listen == "127.0.0.1:9999");
  auto set = load(yaml, {{"LISTEN", "0.0.0.0:80"}});
  REQUIRE(set.cfg);
  CHECK(set.cfg->http.listen == "0.0.0.0:80");
}

TEST_CASE("an unset ${NAME} is an error naming the variable and the key", "[unit][config]") {
  auto r = load("http:\n  webhook_tokens:\n    - static\n    - ${ALERT_TOKEN}\n");
  auto e = only_error(r, 4, "http.webhook_tokens[1]");
  CHECK(e.message ==
        "environment variable ALERT_TOKEN is not set; set it, or write ${ALERT_TOKEN:-default}");
}

TEST_CASE("a substituted value is not parsed as YAML", "[unit][config]") {
  auto r = load("postmortems:\n  dir: ${DIR}\n", {{"DIR", "[a, b]: {c: d} # not a comment"}});
  REQUIRE(r.cfg);
  CHECK(r.cfg->postmortems.dir == "[a, b]: {c: d} # not a comment");
}

TEST_CASE("an unknown key is an error that suggests the closest known key", "[unit][config]") {
  auto r = load(two_people +
                "schedules:\n"
                "  - name: primary\n"
                "    start: 2026-11-02T09:00:00Z\n"
                "    shift: 7d\n"
                "    shfit: 1d\n"
                "    members: [alice]\n");
  auto e = only_error(r, 8, "schedules[0].shfit");
  CHECK(e.message == "unknown key 'shfit'; did you mean 'shift'?");
}

TEST_CASE("an unknown key far from any known one lists the known keys", "[unit][config]") {
  auto e = only_error(load("log:\n  colour: true\n"), 2, "log.colour");
  CHECK(e.message == "unknown key 'colour'; known keys here: level, format");
}

TEST_CASE("a key given twice is an error", "[unit][config]") {
  auto e = only_error(load("log:\n  level: info\n  level: debug\n"), 3, "log.level");
  CHECK(e.message == "'level' is given twice (also on line 2); keep one");
}

TEST_CASE("a bad duration names the forms that work", "[unit][config]") {
  auto r = load(two_people +
                "schedules:\n"
                "  - name: primary\n"
                "    start: 2026-11-02T09:00:00Z\n"
                "    shift: 7x\n"
                "    members: [alice]\n");
  auto e = only_error(r, 7, "schedules[0].shift");
  CHECK(oncall::format_config_error("oncallbot.yaml", e) ==
        "oncallbot.yaml:7: schedules[0].shift: '7x' is not a duration; write it like 30s, 5m, "
        "2h or 7d");
}

TEST_CASE("a zero duration is refused", "[unit][config]") {
  auto e = only_error(load("runbooks:\n  - {name: x, command: [ls], timeout: 0s}\n"), 2,
                      "runbooks[0].timeout");
  CHECK(e.message == "must be longer than 0s");
}

TEST_CASE("an unknown time zone is an error", "[unit][config]") {
  auto e = only_error(load("people:\n  - name: alice\n    timezone: Europe/Berlim\n"), 3,
                      "people[0].timezone");
  CHECK(e.message ==
        "'Europe/Berlim' is not a time zone; write an IANA name like Europe/Berlin, "
        "America/New_York or UTC");
}

TEST_CASE("a bad ISO 8601 time is an error", "[unit][config]") {
  auto r = load(two_people +
                "schedules:\n"
                "  - {name: p, start: 2026-11-02T09:00:00, shift: 7d, members: [alice]}\n");
  auto e = only_error(r, 5, "schedules[0].start");
  CHECK(e.message ==
        "'2026-11-02T09:00:00' is not an ISO 8601 time; write it like 2026-11-24T18:00:00Z or "
        "2026-11-24T19:00:00+01:00");
}
