// Config checks that involve more than one value: schedules and their people, overrides,
// escalation targets, routes and runbook parameters.
#include <catch2/catch.hpp>

#include "config/loader.hpp"
#include "config_test_support.hpp"

using namespace oncall::test;

TEST_CASE("a schedule member who is not a person is an error", "[unit][config]") {
  auto r = load(two_people +
                "schedules:\n"
                "  - name: primary\n"
                "    start: 2026-11-02T09:00:00Z\n"
                "    shift: 7d\n"
                "    members:\n"
                "      - alice\n"
                "      - alcie\n");
  auto e = only_error(r, 10, "schedules[0].members[1]");
  CHECK(e.message == "'alcie' is not one of the people; did you mean 'alice'?");
}

TEST_CASE("a schedule with no members is an error", "[unit][config]") {
  auto r = load(two_people +
                "schedules:\n"
                "  - {name: primary, start: 2026-11-02T09:00:00Z, shift: 7d, members: []}\n");
  auto e = only_error(r, 5, "schedules[0].members");
  CHECK(e.message == "has no members; list the people of the rotation in order, e.g. [alice, bob]");
}

TEST_CASE("a schedule without shift reports the missing key", "[unit][config]") {
  auto r = load(two_people +
                "schedules:\n"
                "  - name: primary\n"
                "    start: 2026-11-02T09:00:00Z\n"
                "    members: [alice]\n");
  auto e = only_error(r, 5, "schedules[0].shift");
  CHECK(e.message == "is required but missing; add 'shift: …' here");
}

TEST_CASE("two schedules with one name are an error", "[unit][config]") {
  auto r = load(two_people +
                "schedules:\n"
                "  - {name: primary, start: 2026-11-02T09:00:00Z, shift: 7d, members: [alice]}\n"
                "  - {name: primary, start: 2026-11-02T09:00:00Z, shift: 7d, members: [bob]}\n");
  auto e = only_error(r, 6, "schedules[1].name");
  CHECK(e.message ==
        "a schedule named 'primary' is already defined on line 5; give each schedule its own "
        "name");
}

namespace {
// Lines 1-9; the overrides under test start on line 10.
const std::string schedule_head = two_people +
                                  "schedules:\n"
                                  "  - name: primary\n"
                                  "    start: 2026-11-02T09:00:00Z\n"
                                  "    shift: 7d\n"
                                  "    members: [alice, bob]\n"
                                  "    overrides:\n";
}  // namespace

TEST_CASE("an override that ends before it starts is an error", "[unit][config]") {
  auto r = load(schedule_head +
                "      - person: bob\n"
                "        from: 2026-11-25T08:00:00Z\n"
                "        to: 2026-11-24T18:00:00Z\n");
  auto e = only_error(r, 12, "schedules[0].overrides[0].to");
  CHECK(e.message ==
        "'to' is not after 'from' (2026-11-25T08:00:00Z); an override ends after it starts, "
        "swap the two");
}

TEST_CASE("overlapping overrides of one schedule are an error", "[unit][config]") {
  auto r = load(schedule_head +
                "      - {person: bob, from: 2026-11-24T18:00:00Z, to: 2026-11-25T08:00:00Z}\n"
                "      - {person: alice, from: 2026-11-25T07:00:00Z, to: 2026-11-25T09:00:00Z}\n");
  auto e = only_error(r, 11, "schedules[0].overrides[1]");
  CHECK(e.message ==
        "overlaps schedules[0].overrides[0] (line 10); make one end where the other starts");
}

TEST_CASE("an override for someone who is not a person is an error", "[unit][config]") {
  auto r = load(schedule_head +
                "      - {person: zed, from: 2026-11-24T18:00:00Z, to: 2026-11-25T08:00:00Z}\n");
  auto e = only_error(r, 10, "schedules[0].overrides[0].person");
  CHECK(e.message == "'zed' is not one of the people; add them under people or fix the name");
}

namespace {
// Lines 1-5.
const std::string people_and_schedule =
    two_people +
    "schedules:\n"
    "  - {name: primary, start: 2026-11-02T09:00:00Z, shift: 7d, members: [alice]}\n";
}  // namespace

TEST_CASE("an escalation level naming a missing schedule is an error", "[unit][config]") {
  auto r = load(people_and_schedule +
                "escalation_policies:\n"
                "  - name: default\n"
                "    levels:\n"
                "      - {notify: [schedule:primary], after: 5m}\n"
                "      - {notify: [schedule:secondary], after: 10m}\n");
  auto e = only_error(r, 10, "escalation_policies[0].levels[1].notify[0]");
  CHECK(e.message ==
        "there is no schedule named 'secondary'; define it under schedules or fix the name");
}

TEST_CASE("a notify target without a kind is an error", "[unit][config]") {
  auto r = load(people_and_schedule +
                "escalation_policies:\n"
                "  - {name: default, levels: [{notify: [primary], after: 5m}]}\n");
  auto e = only_error(r, 7, "escalation_policies[0].levels[0].notify[0]");
  CHECK(e.message ==
        "'primary' is not a notify target; write schedule:NAME, person:NAME or notifier:NAME");
}

TEST_CASE("an escalation level without after is an error", "[unit][config]") {
  auto r = load(people_and_schedule +
                "escalation_policies:\n"
                "  - name: default\n"
                "    levels:\n"
                "      - notify: [person:bob]\n");
  auto e = only_error(r, 9, "escalation_policies[0].levels[0].after");
  CHECK(e.message == "is required but missing; add 'after: …' here");
}

TEST_CASE("a route naming a missing policy is an error", "[unit][config]") {
  auto r = load(people_and_schedule +
                "escalation_policies:\n"
                "  - {name: default, levels: [{notify: [schedule:primary], after: 5m}]}\n"
                "routes:\n"
                "  - policy: defualt\n");
  auto e = only_error(r, 9, "routes[0].policy");
  CHECK(e.message == "there is no escalation policy named 'defualt'; did you mean 'default'?");
}

TEST_CASE("routes without any escalation policy are an error", "[unit][config]") {
  auto e = only_error(load("routes:\n  - policy: default\n"), 2, "routes[0].policy");
  CHECK(e.message == "there are no escalation_policies; define one and name it here");
}

TEST_CASE("a route without match before other routes is an error", "[unit][config]") {
  auto r = load(people_and_schedule +
                "escalation_policies:\n"
                "  - {name: default, levels: [{notify: [schedule:primary], after: 5m}]}\n"
                "routes:\n"
                "  - policy: default\n"
                "  - {match: {team: payments}, policy: default}\n");
  auto e = only_error(r, 9, "routes[0]");
  CHECK(e.message ==
        "has no match, so it takes every alert and the routes after it are never used; give it "
        "a match or move it to the end");
}

TEST_CASE("a runbook placeholder without a parameter is an error", "[unit][config]") {
  auto r = load(
      "runbooks:\n"
      "  - name: restart\n"
      "    command:\n"
      "      - restart.sh\n"
      "      - \"{service}\"\n"
      "      - \"{evn}\"\n"
      "    params:\n"
      "      service: {pattern: \"^[a-z]+$\"}\n"
      "      env: {pattern: \"^(staging|prod)$\"}\n");
  INFO(all_messages(r));
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].line == 6);
  CHECK(r.errors[0].path == "runbooks[0].command[2]");
  CHECK(r.errors[0].message == "uses {evn}, but there is no parameter 'evn'; did you mean 'env'?");
  CHECK(r.errors[1].line == 9);
  CHECK(r.errors[1].path == "runbooks[0].params.env");
  CHECK(r.errors[1].message == "is not used in command; use it as \"{env}\" or remove it");
}

TEST_CASE("a placeholder must be a whole argument", "[unit][config]") {
  auto r = load(
      "runbooks:\n"
      "  - name: restart\n"
      "    command: [restart.sh, \"--env={env}\"]\n"
      "    params: {env: {pattern: \"^prod$\"}}\n");
  auto e = only_error(r, 3, "runbooks[0].command[1]");
  CHECK(e.message ==
        "'--env={env}' mixes {env} with other text; a placeholder is a whole argument, e.g. "
        "[--env, \"{env}\"]");
}

TEST_CASE("a runbook parameter with a bad regex is an error", "[unit][config]") {
  auto r = load(
      "runbooks:\n"
      "  - name: restart\n"
      "    command: [restart.sh, \"{env}\"]\n"
      "    params:\n"
      "      env: {pattern: \"^(staging|prod$\"}\n");
  auto e = only_error(r, 5, "runbooks[0].params.env.pattern");
  CHECK_THAT(e.message, Catch::StartsWith("'^(staging|prod$' is not a valid regular expression "
                                          "(ECMAScript): "));
}

TEST_CASE("a runbook parameter without a pattern is an error", "[unit][config]") {
  auto r = load(
      "runbooks:\n"
      "  - name: restart\n"
      "    command: [restart.sh, \"{env}\"]\n"
      "    params:\n"
      "      env: {default: prod}\n");
  auto e = only_error(r, 5, "runbooks[0].params.env.pattern");
  CHECK(e.message == "is required but missing; add 'pattern: …' here");
}

TEST_CASE("a parameter default that does not match its pattern is an error", "[unit][config]") {
  auto r = load(
      "runbooks:\n"
      "  - name: restart\n"
      "    command: [restart.sh, \"{env}\"]\n"
      "    params:\n"
      "      env:\n"
      "        pattern: \"^(staging|prod)$\"\n"
      "        default: production\n");
  auto e = only_error(r, 7, "runbooks[0].params.env.default");
  CHECK(e.message ==
        "'production' does not match the pattern '^(staging|prod)$'; change the default or the "
        "pattern");
}

TEST_CASE("a parameter default may not start with a dash", "[unit][config]") {
  auto r = load(
      "runbooks:\n"
      "  - name: restart\n"
      "    command: [restart.sh, \"{flag}\"]\n"
      "    params: {flag: {pattern: \".*\", default: --force}}\n");
  auto e = only_error(r, 4, "runbooks[0].params.flag.default");
  CHECK(e.message == "'--force' starts with '-', which values may not do");
}

TEST_CASE("the program of a runbook is never a parameter", "[unit][config]") {
  auto r = load(
      "runbooks:\n"
      "  - name: anything\n"
      "    command: [\"{program}\"]\n"
      "    params: {program: {pattern: \".*\"}}\n");
  auto e = only_error(r, 3, "runbooks[0].command[0]");
  CHECK(e.message == "the program to run must be fixed, not a parameter");
}
