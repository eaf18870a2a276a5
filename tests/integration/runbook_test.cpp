// Runbooks on the real binary, on both platforms: a caller without the role is refused, a
// confirm runbook runs only after the Confirm click, its output appears in the channel, the
// bot's tokens are not in a runbook's environment, and `oncallbot audit` lists every run.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string capture(const std::string& command) {
  std::string out;
  if (FILE* p = popen((command + " 2>&1").c_str(), "r")) {
    char buf[512];
    while (fgets(buf, sizeof buf, p)) out += buf;
    pclose(p);
  }
  return out;
}

// A runbook script in the scratch dir: says who ran it with which argument.
std::string write_greet_script(const std::string& dir) {
  auto path = dir + "/greet.sh";
  std::ofstream(path) << "#!/bin/sh\necho \"hello from $ONCALL_RUNBOOK by $ONCALL_USER: $1\"\n";
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  return path;
}

std::string runbooks_yaml(const std::string& greet) {
  return "runbooks:\n"
         "  - name: greet\n"
         "    description: Says hello\n"
         "    command: [" + greet + ", \"{who}\"]\n"
         "    params:\n"
         "      who: {pattern: \"^[a-z]+$\", default: world}\n"
         "    timeout: 10s\n"
         "    roles: [operator]\n"
         "    confirm: true\n"
         "  - name: env\n"
         "    description: Shows the runbook environment\n"
         "    command: [/usr/bin/env]\n"
         "    timeout: 10s\n"
         "    roles: [responder]\n";
}

template <typename World>
std::string bot_text_containing(World& w, const std::string& needle) {
  for (const auto& m : w.chat.bot_messages("alerts")) {
    if (contains(m.text, needle)) return m.text;
  }
  return {};
}

}  // namespace

TEMPLATE_TEST_CASE("runbooks from chat: roles, confirmation, output in the channel and the audit log",
                   "[integration][runbook]", ONCALL_PLATFORMS) {
  // Secrets in the bot's own environment, which a runbook must not see.
  setenv("SLACK_BOT_TOKEN", "xoxb-env-secret-marker", 1);
  setenv("MATTERMOST_TOKEN", "mm-env-secret-marker", 1);
  setenv("ALERT_TOKEN", "alert-env-secret-marker", 1);
  scratch_dir scripts("runbook-scripts");
  bot_options options;
  options.extra_yaml = runbooks_yaml(write_greet_script(scripts.path()));
  options.people_roles = {{"alice", "[operator, responder]"}, {"bob", "[responder]"}};
  TestType w("runbook", {}, options);
  w.start();
  REQUIRE(w.b.wait_ready());

  // No role: refused, audited, nothing run.
  CHECK(contains(w.chat.command("carol", "alerts", "run env").reply, "carol may not run 'env'"));
  CHECK(contains(w.chat.command("bob", "alerts", "run greet who=bob --yes").reply, "bob may not run 'greet'"));
  CHECK(contains(w.chat.command("alice", "alerts", "run greet who=$(id)").reply, "who"));
  CHECK(w.b.count("runbook_runs") == 3);

  // A confirm runbook shows the argv and waits for the button.
  REQUIRE(w.chat.command("alice", "alerts", "run greet who=team").answered);
  std::string prompt_ref;
  REQUIRE(eventually([&] {
    for (const auto& m : w.chat.bot_messages("alerts")) {
      if (w.chat.has_button(m, "runbook_confirm")) prompt_ref = m.ref;
    }
    return !prompt_ref.empty();
  }));
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  CHECK(bot_text_containing(w, "hello from greet").empty());
  auto by_bob = w.chat.click("bob", "alerts", prompt_ref, "runbook_confirm");
  CHECK(contains(by_bob.reply, "bob may not run 'greet'"));
  auto by_alice = w.chat.click("alice", "alerts", prompt_ref, "runbook_confirm");
  CHECK(by_alice.answered);
  REQUIRE(eventually([&] { return !bot_text_containing(w, "hello from greet by alice: team").empty(); }));
  CHECK(contains(bot_text_containing(w, "hello from greet by alice: team"), "exit 0"));

  // The environment is scrubbed: the bot's tokens are not there.
  REQUIRE(w.chat.command("bob", "alerts", "run env").answered);
  REQUIRE(eventually([&] { return !bot_text_containing(w, "ONCALL_RUNBOOK=env").empty(); }));
  auto env_out = bot_text_containing(w, "ONCALL_RUNBOOK=env");
  CHECK(contains(env_out, "ONCALL_USER=bob"));
  for (const char* secret : {"env-secret-marker", "xoxb-sim-bot", "mm-sim-bot-token", "test-secret-token"}) {
    INFO(secret);
    CHECK_FALSE(contains(env_out, secret));
  }

  // oncallbot audit: one line per run, refusals included.
  REQUIRE(eventually([&] { return w.b.count("runbook_runs") == 5; }));
  std::string audit;
  REQUIRE(eventually([&] {
    audit = capture(std::string(ONCALLBOT_BINARY) + " audit --config " + w.b.config_path());
    return contains(audit, "alice greet - succeeded exit 0") && contains(audit, "bob env - succeeded exit 0");
  }));
  CHECK(contains(audit, "carol env - refused"));
  CHECK(contains(audit, "bob greet - refused"));
  CHECK(contains(audit, "argv: " + scripts.path() + "/greet.sh team"));
  CHECK(std::count(audit.begin(), audit.end(), '\n') == 5);
}
