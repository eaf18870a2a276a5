// /oncall runbooks, /oncall run and the Confirm button, typed against the real engine, an
// in-memory store and a manual clock: what the caller reads, what the audit log holds, and that
// nothing is approved (so nothing can run) without the role, valid values and a confirmation.
#include <catch2/catch.hpp>

#include "bot/chat/message_codec.hpp"
#include "bot/engine/runbook_requests.hpp"
#include "bot/report/audit_command.hpp"
#include "bot/runbook/runbook_service.hpp"
#include "handler_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// alice is an operator and responder, bob a responder; carol is in people with no roles.
config runbook_config() {
  auto c = demo_config();
  c.people[0].roles = {"responder", "operator"};
  c.people[1].roles = {"responder"};
  c.people.push_back({.name = "carol", .slack = "U0CAROL"});
  runbook restart;
  restart.name = "restart-api";
  restart.description = "Restart the API deployment";
  restart.command = {"/usr/bin/true", "{env}"};
  restart.params = {{.name = "env", .pattern = "^(staging|prod)$", .default_value = "staging"}};
  restart.roles = {"operator"};
  restart.confirm = true;
  runbook tail;
  tail.name = "log-tail";
  tail.description = "Last lines of a log";
  tail.command = {"/usr/bin/tail", "-n", "{lines}", "{file}"};
  tail.params = {{.name = "file", .pattern = "^[a-z]+\\.log$"},
                 {.name = "lines", .pattern = "^[0-9]{1,4}$", .default_value = "100"}};
  tail.roles = {"responder"};
  c.runbooks = {restart, tail};
  return c;
}

const actor carol{"U0CAROL", "carol"};

struct runbook_fixture : handler_fixture {
  runbook_fixture() : handler_fixture(runbook_config()) {}
  std::vector<runbook_run> runs() { return store.runbook_runs(std::nullopt); }
  runbook_run last_run() {
    auto all = runs();
    REQUIRE_FALSE(all.empty());
    return all.back();
  }
  std::string click_confirm(const actor& who, std::int64_t run_id) {
    auto reply = click(who, action_runbook_confirm, std::to_string(run_id), "prompt-ref");
    REQUIRE(reply);
    return *reply;
  }
};

}  // namespace

TEST_CASE("/oncall runbooks lists only what the caller may run, with defaults", "[handlers][runbook]") {
  runbook_fixture f;
  auto for_alice = f.say(alice, "runbooks");
  CHECK(contains(for_alice, "restart-api — Restart the API deployment (asks for confirmation)"));
  CHECK(contains(for_alice, "/oncall run restart-api env=staging"));
  CHECK(contains(for_alice, "/oncall run log-tail file=… lines=100"));
  auto for_bob = f.say(bob, "runbooks");
  CHECK_FALSE(contains(for_bob, "restart-api"));
  CHECK(contains(for_bob, "log-tail"));
  CHECK(contains(f.say(carol, "runbooks"), "There are no runbooks you may run"));
  CHECK(contains(f.say(stranger, "runbooks"), "not in oncallbot's people list"));
  CHECK(f.runs().empty());
}

TEST_CASE("refused values are audited and nothing else changes", "[handlers][runbook]") {
  runbook_fixture f;
  auto before = f.footprint();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"run log-tail file=$(reboot).log", "file"},
      {"run log-tail file=../../etc/passwd", "file"},
      {"run log-tail file=api.log lines=--all", "lines"},
      {"run log-tail fil=api.log", "did you mean 'file'"},
      {"run log-tail lines=5", "file"},
      {"run log-tail file=api.log file=b.log", "file"},
      {"run nosuch", "there is no runbook 'nosuch'"},
  };
  for (const auto& [text, why] : cases) {
    INFO(text);
    auto said = f.say(alice, text);
    CHECK(contains(said, "Sorry: "));
    CHECK(contains(said, why));
    auto run = f.last_run();
    CHECK(run.state == "refused");
    CHECK(run.argv.empty());
    CHECK(run.requested_by == "alice");
    CHECK_FALSE(run.error.empty());
  }
  CHECK(f.runs().size() == cases.size());
  CHECK(f.store.runbook_runs_in_state("approved").empty());
  CHECK(f.footprint() == before);  // no incident: no timeline entry, no effect, nothing else
}

TEST_CASE("a caller without the role is refused and audited", "[handlers][runbook]") {
  runbook_fixture f;
  auto said = f.say(bob, "run restart-api env=prod --yes");
  CHECK(contains(said, "bob may not run 'restart-api'"));
  CHECK(contains(said, "operator"));
  auto run = f.last_run();
  CHECK(run.state == "refused");
  CHECK(run.requested_by == "bob");
  CHECK(f.store.runbook_runs_in_state("approved").empty());
  CHECK(contains(f.say(stranger, "run log-tail file=api.log"), "not in oncallbot's people list"));
  CHECK(f.runs().size() == 1);
}

TEST_CASE("a runbook without confirm is approved at once and shows its argv in the channel", "[handlers][runbook]") {
  runbook_fixture f;
  auto reply = f.run(bob, "run log-tail file=api.log");
  CHECK(reply.in_channel);
  CHECK(contains(plain_text(reply.message), "/usr/bin/tail -n 100 api.log"));
  auto run = f.last_run();
  CHECK(run.state == "approved");
  CHECK(run.argv == std::vector<std::string>{"/usr/bin/tail", "-n", "100", "api.log"});
  CHECK(run.incident_id == 0);
  CHECK(run.channel == alerts_channel);
}

TEST_CASE("a confirm runbook waits for the Confirm button from someone with the role", "[handlers][runbook]") {
  runbook_fixture f;
  auto reply = f.run(alice, "run restart-api env=prod");
  CHECK_FALSE(reply.in_channel);
  CHECK(contains(plain_text(reply.message), "waits for confirmation"));
  auto posts = f.effects_of_kind(effect_kind::channel_post);
  REQUIRE(posts.size() == 1);
  CHECK(posts[0].channel == alerts_channel);
  auto prompt = message_from_json(posts[0].payload);
  REQUIRE(prompt.buttons.size() == 1);
  CHECK(prompt.buttons[0].action_id == "runbook_confirm");
  auto run = f.last_run();
  CHECK(prompt.buttons[0].value == std::to_string(run.id));
  CHECK(contains(plain_text(prompt), "/usr/bin/true prod"));
  CHECK(run.state == "awaiting_confirmation");
  REQUIRE(run.expires_at);
  CHECK(*run.expires_at == f.clock.now() + std::chrono::minutes(5));

  CHECK(contains(f.click_confirm(bob, run.id), "bob may not run 'restart-api'"));
  CHECK(f.store.find_runbook_run(run.id)->state == "awaiting_confirmation");
  f.clock.advance(std::chrono::minutes(4));
  CHECK(contains(f.click_confirm(alice, run.id), "Confirmed: running restart-api"));
  CHECK(f.store.find_runbook_run(run.id)->state == "approved");
  CHECK(contains(f.click_confirm(alice, run.id), "is approved already"));
}

TEST_CASE("a confirmation expires after 5 minutes and is audited as expired", "[handlers][runbook]") {
  runbook_fixture f;
  REQUIRE(f.run(alice, "run restart-api").message.buttons.empty());
  auto id = f.last_run().id;
  f.clock.advance(std::chrono::minutes(5));
  CHECK(contains(f.click_confirm(alice, id), "this confirmation expired"));
  CHECK(f.store.find_runbook_run(id)->state == "expired");
  CHECK(contains(f.click_confirm(alice, id), "expired"));
  CHECK(f.store.runbook_runs_in_state("approved").empty());

  REQUIRE(f.run(alice, "run restart-api").message.buttons.empty());
  auto second = f.last_run().id;
  runbook_requests requests(f.engine);
  f.clock.advance(std::chrono::minutes(4));
  CHECK(requests.expire_due() == 0);
  f.clock.advance(std::chrono::minutes(1));
  CHECK(requests.expire_due() == 1);
  CHECK(f.store.find_runbook_run(second)->state == "expired");
}

TEST_CASE("run with --yes from someone with the role skips the button", "[handlers][runbook]") {
  runbook_fixture f;
  auto reply = f.run(alice, "run restart-api env=prod --yes");
  CHECK(reply.in_channel);
  CHECK(reply.message.buttons.empty());
  CHECK(f.last_run().state == "approved");
}

TEST_CASE("runs in an incident's channel belong to it and go into its timeline", "[handlers][runbook]") {
  runbook_fixture f;
  auto id = f.incident_announced_at("100.1");
  REQUIRE_FALSE(f.run(alice, "run restart-api env=prod").in_channel);
  auto run = f.last_run();
  CHECK(run.incident_id == id);
  auto room_posts = f.effects_of_kind(effect_kind::thread_post);
  REQUIRE(room_posts.size() == 1);
  CHECK(room_posts[0].incident_id == id);
  f.say(bob, "run restart-api");
  f.click_confirm(alice, run.id);
  int runbook_entries = 0;
  for (const auto& e : f.store.timeline(id)) {
    if (e.kind == "runbook") ++runbook_entries;
  }
  CHECK(runbook_entries == 3);  // request, refusal, confirmation
  auto second = f.incident_announced_at("100.2");
  CHECK(contains(f.say(alice, "run log-tail file=a.log"), "which incident is this run for?"));
  REQUIRE(f.run(alice, "run log-tail #" + std::to_string(second) + " file=a.log").in_channel);
  CHECK(f.last_run().incident_id == second);
}

TEST_CASE("runs left running or approved at start-up are interrupted, never re-run", "[handlers][runbook]") {
  runbook_fixture f;
  REQUIRE(f.run(bob, "run log-tail file=a.log").in_channel);
  auto run = f.last_run();
  run.state = "running";
  f.store.update_runbook_run(run);
  REQUIRE(f.run(bob, "run log-tail file=b.log").in_channel);
  runbook_requests requests(f.engine);
  CHECK(requests.interrupt_leftovers() == 2);
  CHECK(f.store.runbook_runs_in_state("interrupted").size() == 2);
  CHECK(requests.interrupt_leftovers() == 0);
}

TEST_CASE("the audit line shows time, who, runbook, state, exit code, output size and argv", "[runbook][audit]") {
  runbook_run r;
  r.id = 7;
  r.runbook = "log-tail";
  r.requested_by = "bob";
  r.incident_id = 3;
  r.state = "succeeded";
  r.requested_at = at("2026-11-24T05:00:00Z");
  r.argv = {"/usr/bin/tail", "-n", "100", "a b.log"};
  r.exit_code = 0;
  r.output_bytes = 12;
  CHECK(format_audit_line(r) ==
        "2026-11-24T05:00:00Z run 7 bob log-tail #3 succeeded exit 0 12 bytes argv: "
        "/usr/bin/tail -n 100 \"a b.log\"");
}

TEST_CASE("the room's summary of a run shows exit code, argv and the end of long output", "[runbook][audit]") {
  runbook_run r;
  r.id = 4;
  r.runbook = "log-tail";
  r.requested_by = "bob";
  r.argv = {"/usr/bin/tail", "api.log"};
  run_outcome o;
  o.exit_code = 0;
  o.elapsed = std::chrono::seconds(2);
  o.output = std::string(5000, 'x') + "last line";
  o.output_bytes = o.output.size();
  auto text = plain_text(run_summary_message(r, o, std::chrono::seconds(60), 100));
  CHECK(contains(text, "Runbook log-tail (run 4): exit 0"));
  CHECK(contains(text, "/usr/bin/tail api.log"));
  CHECK(contains(text, "last line"));
  INFO(text);
  CHECK(contains(text, "(4909 bytes) cut here"));
}
