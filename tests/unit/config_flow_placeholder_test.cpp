// Bare ${…} references as whole YAML values, as SPEC §2 writes them ([${ALERT_TOKEN}],
// {token: ${SMS_TOKEN:-}}): quoted before parsing so they load, and nothing else is touched.
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "config/flow_placeholders.hpp"
#include "config/loader.hpp"
#include "config_test_support.hpp"

using namespace oncall::test;
using oncall::quote_flow_placeholders;

namespace {

std::ptrdiff_t newlines(const std::string& s) {
  return std::count(s.begin(), s.end(), '\n');
}

// The first ```yaml block of SPEC.md, or nullopt when there is no SPEC.md next to the project.
std::optional<std::string> spec_example() {
  std::ifstream in(ONCALLBOT_SHARED_DIR "/SPEC.md");
  if (!in) return std::nullopt;
  std::string line, block;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!inside) {
      inside = line.rfind("```yaml", 0) == 0;
    } else if (line.rfind("```", 0) == 0) {
      return block;
    } else {
      block += line + "\n";
    }
  }
  return std::nullopt;
}

// SPEC's example abbreviates: it defines only alice, though bob, carol and dave are referenced,
// and says of the schedule "secondary" only "… defined the same way". Fills in what it leaves
// out (and only that), so that everything it does write is checked by the real validation.
std::string complete_spec_example(std::string yaml) {
  std::string people;
  for (const char* name : {"bob", "carol", "dave"}) {
    if (yaml.find(std::string("name: ") + name) == std::string::npos) {
      people += std::string("  - {name: ") + name + "}\n";
    }
  }
  if (auto at = yaml.find("\npeople:\n"); at != std::string::npos) {
    yaml.insert(at + 9, people);
  }
  const std::string elided = "  - name: secondary ";
  if (auto at = yaml.find(elided);
      at != std::string::npos &&
      yaml.substr(at, yaml.find('\n', at) - at).find("# …") != std::string::npos) {
    yaml.replace(at, elided.size(),
                 "  - {name: secondary, start: 2026-11-02T09:00:00Z, shift: 7d, members: [bob]}");
  }
  return yaml;
}

}  // namespace

TEST_CASE("SPEC's bare ${…} lines in [ ] and { } load and are substituted", "[unit][config]") {
  auto r = load(
      "http:\n"
      "  webhook_tokens: [${ALERT_TOKEN}]\n"
      "notifiers:\n"
      "  - {name: sms, kind: webhook, url: \"https://gateway.example/page\", token: "
      "${SMS_TOKEN:-}}\n"
      "  - {name: pd, kind: pagerduty, routing_key: ${PD_ROUTING_KEY:-}}\n",
      {{"ALERT_TOKEN", "alert-1"}, {"PD_ROUTING_KEY", "pd-key"}});
  INFO(all_messages(r));
  REQUIRE(r.errors.empty());
  REQUIRE(r.cfg);
  CHECK(r.cfg->http.webhook_tokens == std::vector<std::string>{"alert-1"});
  REQUIRE(r.cfg->notifiers.size() == 2);
  CHECK(r.cfg->notifiers[0].url == "https://gateway.example/page");
  CHECK(r.cfg->notifiers[0].token.empty());  // SMS_TOKEN unset, default ""
  CHECK(r.cfg->notifiers[1].kind == "pagerduty");
  CHECK(r.cfg->notifiers[1].routing_key == "pd-key");
}

TEST_CASE("a set ${NAME:-} in { } takes the variable's value", "[unit][config]") {
  auto r = load(
      "notifiers:\n"
      "  - {name: sms, kind: webhook, url: \"https://gateway.example/page\", token: "
      "${SMS_TOKEN:-}}\n",
      {{"SMS_TOKEN", "sms-secret"}});
  INFO(all_messages(r));
  REQUIRE(r.cfg);
  CHECK(r.cfg->notifiers[0].token == "sms-secret");
}

TEST_CASE("bare ${…} in [ ] and { } are quoted, keeping defaults as written", "[unit][config]") {
  CHECK(quote_flow_placeholders("a: [${A}, ${B:-x y}]\n") == "a: [\"${A}\", \"${B:-x y}\"]\n");
  CHECK(quote_flow_placeholders("a: {k: ${A:-a:b/c}, j: ${B} }  # ${C}\n") ==
        "a: {k: \"${A:-a:b/c}\", j: \"${B}\" }  # ${C}\n");
  CHECK(quote_flow_placeholders("a: [\n  ${A},\n  ${B}\n]\n") ==
        "a: [\n  \"${A}\",\n  \"${B}\"\n]\n");
  CHECK(quote_flow_placeholders("- ${A}\nk: ${B} # note\n") == "- \"${A}\"\nk: \"${B}\" # note\n");
  // A '"' or '\' in a default is escaped so that the value stays what was written.
  CHECK(quote_flow_placeholders("k: [${A:-a\"b\\c}]") == "k: [\"${A:-a\\\"b\\\\c}\"]");
}

TEST_CASE("a ${…} that is part of a larger plain value is left alone", "[unit][config]") {
  for (const std::string yaml :
       {"url: https://${HOST}/x\n", "k: ${A}${B}\n", "k: ${A} and more\n", "k: ${A}#no-comment\n",
        "k: a, ${A}\n", "k: ${A}]\n", "k: [x ${A}]\n", "k: it's ${A}\n", "k: first\n  ${A}\n"}) {
    CHECK(quote_flow_placeholders(yaml) == yaml);
  }
  auto r = load("http:\n  public_url: https://${HOST}/x\n", {{"HOST", "oncall.example"}});
  INFO(all_messages(r));
  REQUIRE(r.cfg);
  CHECK(r.cfg->http.public_url == "https://oncall.example/x");
}

TEST_CASE("${…} in quoted strings, comments and block scalars is left alone", "[unit][config]") {
  for (const std::string yaml :
       {"k: \"${X}\"\n", "k: ['${X}', \"${Y}\"]\n", "k: \"multi\n  ${X}\"\n", "# ${X}\n",
        "k: v  # [${X}]\n", "  # {a: ${X}}\n", "k: |\n  ${X}\n  - ${Y}\nj: v\n",
        "- k: >-\n    [${X}]\n"}) {
    CHECK(quote_flow_placeholders(yaml) == yaml);
  }
  // After a block scalar ends, references are quoted again.
  CHECK(quote_flow_placeholders("k: |\n  ${X}\nj: [${Y}]\n") == "k: |\n  ${X}\nj: [\"${Y}\"]\n");

  auto r = load("http:\n  public_url: \"https://${HOST}/x\"\n  # webhook_tokens: [${X}]\n",
                {{"HOST", "h.example"}});
  INFO(all_messages(r));
  REQUIRE(r.cfg);
  CHECK(r.cfg->http.public_url == "https://h.example/x");
}

TEST_CASE("quoting keeps every line where it was", "[unit][config]") {
  const std::string yaml =
      "http:\n"
      "  webhook_tokens: [${ALERT_TOKEN},\n"
      "    ${OTHER:-}]\n"
      "log: {level: ${LEVEL:-info}}\n"
      "people:\n"
      "  - {name: alice, timezone: ${TZ_NAME}}\n";
  CHECK(newlines(quote_flow_placeholders(yaml)) == newlines(yaml));
  // A value that fails validation after substitution is reported on its own line.
  only_error(load(yaml, {{"ALERT_TOKEN", "a"}, {"TZ_NAME", "Mars/Olympus"}}), 6,
             "people[0].timezone");
  // A parse error after quoted lines points at the parser's line in the file.
  auto bad = oncall::load_config_string(
      "http:\n"
      "  webhook_tokens: [${ALERT_TOKEN}]\n"
      "log: {level: ${L:-info}}\n"
      "chat:\n"
      "  platform: slack\n"
      "  bad: [1, 2\n"
      "  x: 3\n",
      {});
  REQUIRE(bad.errors.size() == 1);
  CHECK(bad.errors[0].line == 7);
  CHECK_THAT(bad.errors[0].message, Catch::StartsWith("not valid YAML"));
}

TEST_CASE("SPEC §2's example config loads as written", "[unit][config]") {
  auto yaml = spec_example();
  if (!yaml) {
    WARN("skipped: no ```yaml block in " ONCALLBOT_SHARED_DIR "/SPEC.md");
    SUCCEED();
    return;
  }
  auto r = oncall::load_config_string(complete_spec_example(*yaml),
                                      env_of({{"SLACK_APP_TOKEN", "xapp-1"},
                                              {"SLACK_BOT_TOKEN", "xoxb-1"},
                                              {"MATTERMOST_TOKEN", "mm-1"},
                                              {"ALERT_TOKEN", "alert-1"},
                                              {"JIRA_TOKEN", "jira-1"}}));
  INFO(all_messages(r));
  REQUIRE(r.errors.empty());
  REQUIRE(r.cfg);
  CHECK(r.cfg->http.webhook_tokens == std::vector<std::string>{"alert-1"});
  REQUIRE(r.cfg->notifiers.size() == 2);
  CHECK(r.cfg->notifiers[0].token.empty());
  REQUIRE(r.cfg->tracker);
  CHECK(r.cfg->tracker->token == "jira-1");
}
