// /oncall commands, announcement buttons and the chat bridge (handlers/) against the real
// engine, an in-memory store and a manual clock: what the caller reads back, and what changed.
#include <algorithm>
#include <catch2/catch.hpp>

#include "handler_test_support.hpp"
#include "handlers/arguments.hpp"
#include "handlers/buttons.hpp"
#include "handlers/chat_bridge.hpp"
#include "handlers/commands.hpp"
#include "handlers/registry.hpp"

using namespace oncall;
using namespace oncall::test;


// Arguments

TEST_CASE("arguments split on spaces and keep double-quoted values whole",
          "[component][handlers]") {
  CHECK(split_arguments("ack 42 for 30m") == std::vector<std::string>{"ack", "42", "for", "30m"});
  CHECK(split_arguments("  page\t db  down \n") == std::vector<std::string>{"page", "db", "down"});
  CHECK(split_arguments("run restart service=\"checkout api\"") ==
        std::vector<std::string>{"run", "restart", "service=checkout api"});
  CHECK(split_arguments("note \"\"") == std::vector<std::string>{"note", ""});
  CHECK(split_arguments("").empty());
  CHECK_THROWS_AS(split_arguments("page \"db down"), command_error);
}

TEST_CASE("incident ids are written 42 or #42", "[component][handlers]") {
  CHECK(parse_incident_id("42") == 42);
  CHECK(parse_incident_id("#42") == 42);
  for (const char* bad :
       {"", "#", "0", "-1", "+1", "4x", "##4", "x42", "1234567890123456", " 42"}) {
    INFO('"' << bad << '"');
    CHECK_FALSE(parse_incident_id(bad));
  }
}

TEST_CASE("without an id, the only incident open in the channel is meant",
          "[component][handlers]") {
  handler_fixture f;
  auto here = f.incident_announced_at("1700000001.000100");
  f.incident_announced_at("1700000002.000100", "C0OTHER");
  CHECK(f.say(alice, "ack") == "You acknowledged #" + std::to_string(here) + ".");
  CHECK(f.get(here).state == incident_state::acknowledged);
}

TEST_CASE("without an id and several incidents open in the channel, the bot asks which",
          "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  f.incident_announced_at("1700000002.000100");
  auto before = f.footprint();
  CHECK(f.say(alice, "ack") ==
        "Sorry: which incident? Open here: #1, #2; name one, like #1. Usage: /oncall ack [ID] "
        "[for DURATION]");
  CHECK(f.footprint() == before);
}

TEST_CASE("without an id and nothing open in the channel, the bot says so",
          "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100", "C0OTHER");
  CHECK(f.say(alice, "resolve") ==
        "Sorry: no incident is open in this channel; name one, like #42 (/oncall incidents lists "
        "them). Usage: /oncall resolve [ID] [note]");
}

// Dispatch

TEST_CASE("an unknown subcommand is named and points to help", "[component][handlers]") {
  handler_fixture f;
  CHECK(f.say(alice, "frobnicate 42") ==
        "Unknown command frobnicate. Try /oncall help for the list of commands.");
}

TEST_CASE("help lists every command with its form", "[component][handlers]") {
  handler_fixture f;
  for (const char* text : {"help", ""}) {
    auto reply = f.run(stranger, text).message;
    CHECK(plain_text(reply.headline) == "oncallbot commands");
    std::vector<std::string> lines;
    for (const auto& p : reply.body) lines.push_back(plain_text(p));
    auto shown = [&](const std::string& line) {
      return std::find(lines.begin(), lines.end(), line) != lines.end();
    };
    CHECK(lines.size() == oncall_commands().all().size());
    for (const auto& [name, spec] : oncall_commands().all()) {
      CHECK(shown("/oncall " + spec.usage + " — " + spec.help));
    }
    CHECK(
        shown("/oncall ack [ID] [for DURATION] — acknowledges; stops escalation (a lease with "
              "'for 30m')"));
    CHECK(
        shown("/oncall page <summary> [--sev N] [--policy P] — opens an incident by hand and "
              "pages"));
  }
}

TEST_CASE("someone not in people cannot change anything but can look", "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  auto before = f.footprint();
  for (const char* text : {"ack 1", "escalate 1", "resolve 1", "page db down"}) {
    INFO(text);
    CHECK_THAT(f.say(stranger, text),
               Catch::StartsWith("You are not in oncallbot's people list, so you cannot ") &&
                   Catch::EndsWith(". Ask an admin to add you under people: with your chat id "
                                   "U0STRANGER."));
  }
  CHECK(f.footprint() == before);
  CHECK_THAT(f.say(stranger, "incidents"), Catch::StartsWith("1 open incident\n"));
}

TEST_CASE("the registry refuses two commands of one name", "[component][handlers]") {
  command_registry r;
  r.add(help_command());
  CHECK_THROWS_AS(r.add(help_command()), std::logic_error);
  CHECK(r.find("help"));
  CHECK_FALSE(r.find("ack"));
}

TEST_CASE("an unclosed quote is refused before anything runs", "[component][handlers]") {
  handler_fixture f;
  CHECK(f.say(alice, "page \"checkout down --sev 1") ==
        "Sorry: a double quote is not closed; write values with spaces as key=\"a b\".");
  CHECK(f.store.count_rows("incidents") == 0);
}

// ack

TEST_CASE("ack with an id acknowledges that incident from anywhere", "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  auto second = f.incident_announced_at("1700000002.000100");
  CHECK(f.say(bob, "ack #2", "C0ELSEWHERE") == "You acknowledged #2.");
  CHECK(f.get(second).acked_by == "bob");
  CHECK(f.get(1).state == incident_state::triggered);
}

TEST_CASE("ack for a duration is a lease and says it pages again", "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  CHECK(f.say(alice, "ack for 30m") ==
        "You acknowledged #1 for 30m; it pages again then if still open.");
  CHECK(f.get(1).ack_until == f.clock.now() + 30min);
  CHECK(f.say(alice, "ack 1 for 2h") ==
        "You acknowledged #1 for 2h; it pages again then if still open.");
}

TEST_CASE("ack in a wrong form says what was wrong, shows the form and changes nothing",
          "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  auto before = f.footprint();
  const std::string usage = ". Usage: /oncall ack [ID] [for DURATION]";
  CHECK(f.say(alice, "ack for") == "Sorry: 'for' needs a duration, like 30m" + usage);
  CHECK(f.say(alice, "ack for soon") ==
        "Sorry: 'soon' is not a duration; write it like 30m or 2h" + usage);
  CHECK(f.say(alice, "ack for 0s") ==
        "Sorry: '0s' is not a duration; write it like 30m or 2h" + usage);
  CHECK(f.say(alice, "ack 1 2") ==
        "Sorry: '2' is neither an incident id nor 'for DURATION'" + usage);
  CHECK(f.say(alice, "ack 99") ==
        "Sorry: there is no incident #99; /oncall incidents lists the open ones" + usage);
  CHECK(f.footprint() == before);
}

TEST_CASE("ack on a resolved incident says it is resolved", "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  CHECK(f.say(bob, "resolve") == "You resolved #1.");
  CHECK(f.say(alice, "ack 1") ==
        "Sorry: incident #1 is already resolved; nothing to acknowledge. Usage: /oncall ack [ID] "
        "[for DURATION]");
}

// escalate, resolve

TEST_CASE("escalate moves to the next level and keeps the reason", "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  CHECK(f.say(alice, "escalate #1 needs a DBA") == "Escalated #1 to level 2.");
  CHECK(f.store.timeline(1).back().text == "escalated to level 2 (needs a DBA)");
  CHECK(f.say(alice, "escalate 5xx keep rising") == "Escalated #1 to level 1.");
  CHECK(f.store.timeline(1).back().text == "escalated to level 1 (5xx keep rising)");
}

TEST_CASE("escalate past the last level says so", "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  for (int i = 0; i < 3; ++i) CHECK_THAT(f.say(alice, "escalate"), Catch::StartsWith("Escalated"));
  CHECK(f.say(alice, "escalate") ==
        "Sorry: incident #1 is already at the last escalation level of policy 'default'. Usage: "
        "/oncall escalate [ID] [reason]");
}

TEST_CASE("resolve closes the incident with the note", "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  CHECK(f.say(bob, "resolve 1 rolled back \"release 4.2\"") == "You resolved #1.");
  CHECK(f.store.timeline(1).back().text == "resolved: rolled back release 4.2");
  CHECK(f.get(1).resolved_by == "bob");
}

// page

TEST_CASE("page opens an incident with the summary and severity given", "[component][handlers]") {
  handler_fixture f;
  CHECK(f.say(alice, "page \"checkout is down\" --sev critical") ==
        "Opened #1 and paged the on-call responders.");
  auto inc = f.get(1);
  CHECK(inc.title == "checkout is down");
  CHECK(inc.severity == 1);
  CHECK(inc.source == "manual");

  CHECK(f.say(alice, "page payments slow --sev 2") ==
        "Opened #2 and paged the on-call responders.");
  CHECK(f.get(2).title == "payments slow");
  CHECK(f.get(2).severity == 2);
  CHECK(f.say(alice, "page disk filling") == "Opened #3 and paged the on-call responders.");
  CHECK(f.get(3).severity == 3);
}

TEST_CASE("page in a wrong form says what was wrong and opens nothing", "[component][handlers]") {
  handler_fixture f;
  const std::string usage = ". Usage: /oncall page <summary> [--sev N] [--policy P]";
  CHECK(f.say(alice, "page") == "Sorry: say what is wrong" + usage);
  CHECK(f.say(alice, "page --sev 1") == "Sorry: say what is wrong" + usage);
  CHECK(f.say(alice, "page db down --sev") == "Sorry: --sev needs a value" + usage);
  CHECK(f.say(alice, "page db down --sev 9") ==
        "Sorry: severity must be 1 to 4 (1 = worst), not '9'" + usage);
  CHECK(f.say(alice, "page db down --policy dba") ==
        "Sorry: there is no escalation policy 'dba'; the config names them under "
        "escalation_policies" +
            usage);
  CHECK(f.store.count_rows("incidents") == 0);
}

// incidents

TEST_CASE("incidents lists the open ones with who acked them", "[component][handlers]") {
  handler_fixture f;
  CHECK(f.say(alice, "incidents") == "No open incidents. 🎉");

  f.incident_announced_at("1700000001.000100");
  f.incident_announced_at("1700000002.000100");
  f.incident_announced_at("1700000003.000100");
  REQUIRE(f.engine.ack(2, alice, std::nullopt));
  REQUIRE(f.engine.resolve(3, alice, ""));
  CHECK(f.say(bob, "incidents") ==
        "2 open incidents\n"
        "#1 SEV3 Alert 1700000001.000100 — not acked, opened 2026-11-24T05:00:00Z\n"
        "#2 SEV3 Alert 1700000002.000100 — acked by alice, opened 2026-11-24T05:00:00Z");
  CHECK(f.say(bob, "incidents all") ==
        "Sorry: incidents takes no arguments. Usage: /oncall incidents");
}

// Buttons

TEST_CASE("the Ack button acknowledges the incident of its announcement", "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  CHECK_FALSE(f.click(alice, "ack", "1", "1700000001.000100"));  // the announcement says it all
  CHECK(f.get(1).state == incident_state::acknowledged);
  CHECK_FALSE(f.click(bob, "escalate", "1", "1700000001.000100"));
  CHECK(f.get(1).level == 1);
  CHECK_FALSE(f.click(bob, "resolve", "1", "1700000001.000100"));
  CHECK(f.get(1).resolved_by == "bob");
}

TEST_CASE("a button whose value names another incident is refused", "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  f.incident_announced_at("1700000002.000100");
  auto before = f.footprint();
  CHECK(f.click(alice, "resolve", "2", "1700000001.000100") ==
        "Sorry: this button does not belong to incident #2's announcement.");
  CHECK(f.footprint() == before);
  CHECK(f.get(2).open());
}

TEST_CASE("a forged value naming an incident not yet announced is refused too",
          "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  f.engine.ingest(batch("g-new", {firing("fp-new", "new")}));  // #2: its announcement is pending
  auto before = f.footprint();
  CHECK(f.click(alice, "resolve", "2", "1700000001.000100") ==
        "Sorry: this button does not belong to incident #2's announcement.");
  CHECK(f.footprint() == before);
}

TEST_CASE("a button naming no known incident is refused", "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  for (const char* value : {"99", "", "1; DROP TABLE incidents"}) {
    CHECK(f.click(alice, "ack", value, "1700000001.000100") ==
          "Sorry: this button names no incident oncallbot knows.");
  }
}

TEST_CASE("someone not in people cannot press the buttons", "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  CHECK(f.click(stranger, "ack", "1", "1700000001.000100") ==
        "Sorry: you are not in oncallbot's people list; ask an admin to add your chat id "
        "U0STRANGER.");
  CHECK(f.get(1).state == incident_state::triggered);
}

TEST_CASE("a button oncallbot does not know is refused", "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  CHECK(f.click(alice, "reopen", "1", "1700000001.000100") ==
        "Sorry: oncallbot does not know the button 'reopen'.");
  CHECK(f.click(alice, "rate_meh", "1", "1700000001.000100") ==
        "Sorry: a rating is actionable, not_actionable or false_alarm, not 'meh'.");
}

TEST_CASE("Ack on a resolved incident's old buttons says why not", "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  REQUIRE(f.engine.resolve(1, bob, ""));
  CHECK(f.click(alice, "ack", "1", "1700000001.000100") ==
        "Sorry: incident #1 is already resolved; nothing to acknowledge.");
}

TEST_CASE("a rating button thanks the rater and records the rating", "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  REQUIRE(f.engine.resolve(1, bob, ""));
  CHECK(f.click(alice, "rate_not_actionable", "1", "1700000001.000100") ==
        "Thanks, your rating of #1 is recorded.");
  CHECK(f.store.timeline(1).back().text == "not_actionable");
}

// Chat bridge

TEST_CASE("a redelivered slash command gets the first reply and changes nothing",
          "[component][handlers]") {
  handler_fixture f;
  chat_bridge bridge(f.engine);
  inbound_command cmd{"slack-command:111.222", "U0ALICE", alerts_channel, "page db down --sev 2"};
  auto first = bridge.on_command(cmd);
  CHECK(plain_text(first.message) == "Opened #1 and paged the on-call responders.");
  CHECK_FALSE(first.in_channel);
  auto before = f.footprint();

  auto again = bridge.on_command(cmd);
  CHECK(again.message == first.message);
  CHECK(again.in_channel == first.in_channel);
  CHECK(f.footprint() == before);
}

TEST_CASE("a redelivered click changes nothing", "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  chat_bridge bridge(f.engine);
  inbound_click click{"slack-click:333.444", "U0BOB",    alerts_channel,
                      "1700000001.000100",   "escalate", "1"};
  CHECK_FALSE(bridge.on_click(click));
  CHECK(f.get(1).level == 1);
  auto before = f.footprint();

  CHECK_FALSE(bridge.on_click(click));
  CHECK(f.get(1).level == 1);
  CHECK(f.get(1).cycle == 0);
  CHECK(f.footprint() == before);
}

TEST_CASE("the bridge knows callers by their chat id", "[component][handlers]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  chat_bridge bridge(f.engine);
  auto reply = bridge.on_command({"slack-command:1", "U0BOB", alerts_channel, "ack"});
  CHECK(plain_text(reply.message) == "You acknowledged #1.");
  CHECK(f.get(1).acked_by == "bob");

  auto refused = bridge.on_click(
      {"slack-click:2", "U0STRANGER", alerts_channel, "1700000001.000100", "resolve", "1"});
  REQUIRE(refused);
  CHECK_THAT(plain_text(*refused), Catch::StartsWith("Sorry: you are not in oncallbot's people"));
  CHECK(f.get(1).open());
}
