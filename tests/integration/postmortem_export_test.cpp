// The postmortem export on the real binary, on both platforms (issue 6, "Must show"): thirty
// people's messages in the incident thread (some edited, one deleted, two pinned), a status
// update, a runbook run, a cause and two follow-ups; `oncallbot export` writes all of it in
// order, without the deleted message, and the JSON draft validates against
// docs/postmortem.schema.json with a real validator. Also: deploy events through the webhook,
// and drafts committed to git.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <thread>

#include "platforms.hpp"
#include "room_actions.hpp"

extern char** environ;

using namespace oncall::testing;

namespace {

const char* page_body =
    R"({"title":"Checkout errors","severity":"critical","dedup_key":"checkout-errors","labels":{"service":"checkout"}})";

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

struct program_result {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// Runs a program with an argument vector (no shell), collecting what it prints.
program_result run_program(const std::vector<std::string>& argv) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  program_result out;
  if (rc == 0) {
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) out.output.append(buf, static_cast<std::size_t>(n));
    int status = 0;
    waitpid(pid, &status, 0);
    out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  close(fds[0]);
  return out;
}

program_result validate(const std::string& document) {
  return run_program({"/usr/bin/python3", std::string(ONCALLBOT_SOURCE_DIR) + "/tests/integration/validate_schema.py",
                      document, std::string(ONCALLBOT_SOURCE_DIR) + "/docs/postmortem.schema.json"});
}

program_result export_draft(const std::string& config, const std::string& format, const std::string& out) {
  return run_program({ONCALLBOT_BINARY, "export", "--config", config, "--incident", "#1", "--format", format,
                      "--out", out});
}

std::string message_text(int i) { return "update " + std::to_string(100 + i) + " from the room"; }

// Where each needle is in `text`, starting at `from`, each after the one before; npos if any is
// missing or out of order.
std::size_t in_order(const std::string& text, std::size_t from, const std::vector<std::string>& needles) {
  std::size_t at = from;
  for (const auto& n : needles) {
    auto p = text.find(n, at);
    INFO("missing or out of order: " << n);
    CHECK(p != std::string::npos);
    if (p == std::string::npos) return p;
    at = p + n.size();
  }
  return at;
}

}  // namespace

TEMPLATE_TEST_CASE("the exported postmortem holds the whole incident room in order, and its JSON validates",
                   "[integration][postmortem]", ONCALL_PLATFORMS) {
  scratch_dir scripts("postmortem-scripts");
  bot_options options;
  options.people_roles = {{"alice", "[responder, operator]"}, {"bob", "[responder]"}, {"carol", "[responder]"}};
  options.extra_yaml = "runbooks:\n"
                       "  - name: flush-cache\n"
                       "    description: Flushes the cache\n"
                       "    command: [/bin/echo, flushed]\n"
                       "    timeout: 10s\n"
                       "    roles: [operator]\n"
                       "postmortems:\n"
                       "  dir: " + scripts.path() + "/postmortems\n"
                       "  git: true\n"
                       "  timezone: Europe/Berlin\n";
  TestType w("postmortem-export", {}, options);
  w.start();
  REQUIRE(w.b.wait_ready());
  REQUIRE(w.b.post("/webhooks/generic", page_body)->status == 200);
  REQUIRE(eventually([&] { return w.chat.top_level("alerts").size() == 1 && w.b.announcement_stored(1); }));
  const auto root = w.chat.top_level("alerts")[0].ref;

  // Thirty messages; 4, 11 and 25 edited, 17 deleted, 8 and 22 pinned.
  const char* people[] = {"alice", "bob", "carol"};
  std::vector<std::string> refs;
  for (int i = 1; i <= 30; ++i) refs.push_back(say(w, people[i % 3], root, message_text(i)));
  REQUIRE(eventually([&] { return w.b.timeline(1, "message").size() == 30; }, std::chrono::seconds(20)));
  for (int i : {4, 11, 25}) edit(w, people[i % 3], refs[i - 1], message_text(i) + " (edited)");
  erase(w, people[17 % 3], refs[16]);
  for (int i : {8, 22}) pin(w, "alice", refs[i - 1]);
  REQUIRE(eventually([&] { return w.b.timeline(1, "message").size() == 29; }, std::chrono::seconds(20)));
  REQUIRE(eventually([&] {
    auto texts = w.b.timeline(1, "message");
    return std::count_if(texts.begin(), texts.end(), [](const std::string& t) { return contains(t, "(edited)"); }) == 3;
  }, std::chrono::seconds(20)));

  // The responders' record, from chat.
  REQUIRE(w.chat.command("carol", "alerts", "status Mitigated: traffic drained to the standby").answered);
  REQUIRE(w.chat.command("alice", "alerts", "run flush-cache").answered);
  REQUIRE(eventually([&] {
    for (const auto& t : w.b.timeline(1, "runbook")) {
      if (contains(t, "exit 0") || contains(t, "succeeded")) return true;
    }
    return false;
  }, std::chrono::seconds(20)));
  REQUIRE(w.chat.command("bob", "alerts", "cause deploy the v42 config dropped the pool size").answered);
  REQUIRE(w.chat.command("carol", "alerts", "followup Alert on pool exhaustion " + w.chat.mention("bob")).answered);
  REQUIRE(w.chat.command("alice", "alerts", "followup Canary config changes").answered);
  REQUIRE(eventually([&] { return w.b.count("followups") == 2; }));

  // Markdown: every remaining message in order, the edits' last text, the deleted one absent;
  // key events first; the record's parts in their sections.
  const auto md_path = w.dir.path() + "/draft.md";
  auto md_run = export_draft(w.b.config_path(), "md", md_path);
  INFO(md_run.output);
  REQUIRE(md_run.exit_code == 0);
  const auto md = read_file(md_path);
  INFO(md.substr(0, 4000));
  std::vector<std::string> expected;
  for (int i = 1; i <= 30; ++i) {
    if (i == 17) continue;
    bool edited = i == 4 || i == 11 || i == 25;
    expected.push_back(message_text(i) + (edited ? " \\(edited\\)" : ""));  // Markdown-escaped
  }
  CHECK_FALSE(contains(md, message_text(17)));
  auto key_events = md.find("## Key events");
  auto timeline = md.find("## Timeline");
  REQUIRE(key_events != std::string::npos);
  REQUIRE(timeline != std::string::npos);
  CHECK(in_order(md, key_events, {message_text(8), message_text(22), "Mitigated: traffic drained"}) < timeline);
  in_order(md, timeline, expected);
  in_order(md, timeline, {message_text(30), "Mitigated: traffic drained", "flush-cache", "deploy: the v42 config",
                          "Alert on pool exhaustion", "Canary config changes"});
  CHECK(contains(md, "| flush-cache | alice | - |"));
  CHECK(contains(md, "| succeeded | 0 |"));
  CHECK(contains(md, "Category: **deploy**"));
  CHECK(contains(md, "the v42 config dropped the pool size"));
  CHECK(contains(md, "F1 Alert on pool exhaustion (owner: bob)"));
  CHECK(contains(md, "F2 Canary config changes (owner: nobody yet)"));
  CHECK(contains(md, "| Mitigated |"));
  CHECK(contains(md, " CET |"));  // the team's zone next to UTC
  CHECK_FALSE(contains(md, "test-secret-token"));

  // JSON: valid against the schema, with the same content.
  const auto json_path = w.dir.path() + "/draft.json";
  auto json_run = export_draft(w.b.config_path(), "json", json_path);
  INFO(json_run.output);
  REQUIRE(json_run.exit_code == 0);
  auto valid = validate(json_path);
  INFO(valid.output);
  CHECK(valid.exit_code == 0);
  auto j = json::parse(read_file(json_path));
  int messages = 0;
  for (const auto& e : j["timeline"]) messages += e["kind"] == "message";
  CHECK(messages == 29);
  CHECK(j["key_events"].size() == 3);
  CHECK(j["runbook_runs"][0]["exit_code"] == 0);
  CHECK(j["followups"].size() == 2);
  CHECK(j["root_cause"]["category"] == "deploy");

  // postmortems.git: both drafts are committed in the postmortems folder.
  auto log = run_program({"/usr/bin/git", "-C", scripts.path() + "/postmortems", "log", "--format=%an %s", "--name-only"});
  INFO(log.output);
  CHECK(log.exit_code == 0);
  CHECK(contains(log.output, "oncallbot Postmortem draft of #1 (Markdown)"));
  CHECK(contains(log.output, "oncallbot Postmortem draft of #1 (JSON)"));
  CHECK(contains(log.output, "postmortem-1-checkout-errors.md"));
}

TEST_CASE("the schema validator rejects a broken draft", "[integration][postmortem]") {
  scratch_dir dir("postmortem-schema");
  const auto path = dir.path() + "/broken.json";
  std::ofstream(path) << R"({"schema_version": 1, "timezone": "UTC", "incident": {"id": "one"}})";
  auto out = validate(path);
  CHECK(out.exit_code == 1);
  CHECK(contains(out.output, "invalid"));
}

TEMPLATE_TEST_CASE("deploy events reach the open incident of their service and its postmortem",
                   "[integration][postmortem][deploy]", ONCALL_PLATFORMS) {
  TestType w("deploy-webhook");
  w.start();
  REQUIRE(w.b.wait_ready());
  const char* early = R"({"service":"checkout","version":"v41","commit":"aaa111","author":"dave"})";
  REQUIRE(w.b.post("/webhooks/deploy", early)->status == 200);
  REQUIRE(w.b.post("/webhooks/generic", page_body)->status == 200);
  REQUIRE(eventually([&] { return w.b.announcement_stored(1); }));

  // Bad input: 4xx naming the field, nothing stored.
  auto bad = w.b.post("/webhooks/deploy", R"({"version":"v42"})");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(json::parse(bad->body)["field"] == "service");
  auto bad_url = w.b.post("/webhooks/deploy", R"({"service":"checkout","version":"v42","url":"javascript:x"})");
  CHECK(bad_url->status == 400);
  CHECK(json::parse(bad_url->body)["field"] == "url");
  CHECK(w.b.post("/webhooks/deploy", R"({"service":"checkout","version":"v42"})", "application/json", "wrong")->status == 401);
  CHECK(w.b.count("deploys") == 1);

  auto ok = w.b.post("/webhooks/deploy",
                     R"({"service":"checkout","version":"v42","commit":"bbb222","author":"erin","url":"https://ci.example/9"})");
  REQUIRE(ok);
  CHECK(ok->status == 200);
  CHECK(json::parse(ok->body)["incidents"] == json::array({1}));
  CHECK(w.b.count("deploys") == 2);
  auto entries = w.b.timeline(1, "deploy");
  REQUIRE(entries.size() == 1);
  CHECK(contains(entries[0], "checkout v42 (bbb222) by erin"));
  REQUIRE(eventually([&] {
    for (const auto& m : w.chat.bot_messages("alerts")) {
      if (contains(m.text, "v42")) return true;
    }
    return false;
  }));

  // The postmortem lists the deploy before detection next to the cause, not the one after.
  REQUIRE(w.chat.command("bob", "alerts", "cause deploy v41 broke it").answered);
  const auto md_path = w.dir.path() + "/draft.md";
  auto run = export_draft(w.b.config_path(), "md", md_path);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  auto md = read_file(md_path);
  INFO(md);
  auto cause = md.find("## Root cause");
  auto listed = md.find("**checkout** v41 (aaa111) by dave");
  CHECK(listed != std::string::npos);
  CHECK(listed > cause);
  CHECK(listed < md.find("## Runbooks run"));
  CHECK_FALSE(contains(md.substr(cause, md.find("## Runbooks run") - cause), "v42"));
}

TEST_CASE("oncallbot export refuses bad arguments and missing incidents with exit 2", "[integration][postmortem]") {
  slack_world w("export-errors");
  w.start();
  REQUIRE(w.b.wait_ready());
  REQUIRE(w.b.post("/webhooks/generic", page_body)->status == 200);
  REQUIRE(eventually([&] { return w.b.count("incidents") == 1; }));
  auto none = run_program({ONCALLBOT_BINARY, "export", "--config", w.b.config_path(), "--incident", "7"});
  CHECK(none.exit_code == 2);
  CHECK(contains(none.output, "#7"));
  auto bad_id = run_program({ONCALLBOT_BINARY, "export", "--config", w.b.config_path(), "--incident", "x"});
  CHECK(bad_id.exit_code == 2);
  auto bad_format = run_program({ONCALLBOT_BINARY, "export", "--config", w.b.config_path(), "--incident", "1", "--format", "pdf"});
  CHECK(bad_format.exit_code == 2);
  CHECK(contains(bad_format.output, "md or json"));
  auto unwritable = run_program({ONCALLBOT_BINARY, "export", "--config", w.b.config_path(), "--incident", "1",
                                 "--out", w.dir.path() + "/no/such/dir/pm.md"});
  CHECK(unwritable.exit_code == 1);
  auto to_stdout = run_program({ONCALLBOT_BINARY, "export", "--config", w.b.config_path(), "--incident", "1"});
  CHECK(to_stdout.exit_code == 0);
  CHECK(to_stdout.output.starts_with("# Postmortem draft: #1 Checkout errors"));
}
