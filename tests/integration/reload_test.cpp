// SIGHUP on the real binary (SPEC §1): a broken file changes nothing and the log names the
// error; a valid one changes escalation delays, schedules, policies, routes, people, runbooks,
// webhook tokens and the log level for what comes next, without dropping the chat connection;
// a change that needs a restart is kept back with a warning that names it.
#include <catch2/catch.hpp>

#include <thread>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

std::string policy_after(const std::string& after) {
  return "escalation_policies:\n"
         "  - name: default\n"
         "    levels:\n"
         "      - {notify: [\"schedule:primary\"], after: " + after + "}\n"
         "      - {notify: [\"person:bob\"], after: " + after + "}\n";
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

int occurrences(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

// Replaces `from` (which must be there) in the bot's config file.
void edit_config(bot& b, const std::string& from, const std::string& to) {
  auto text = read_file(b.config_path());
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  write_file(b.config_path(), text);
}

// Sends SIGHUP and waits for the bot's verdict on the file (applied or refused).
void reload_and_wait(bot& b, const std::string& verdict) {
  const int before = occurrences(b.log(), verdict);
  b.reload();
  if (!eventually([&] { return occurrences(b.log(), verdict) > before; })) {
    FAIL("no '" << verdict << "' after SIGHUP; the bot's log:\n" << b.log());
  }
}

// How many replies in the thread of the `index`th announcement contain `needle`.
int in_thread(chat_view& chat, std::size_t index, const std::string& needle) {
  auto top = chat.top_level("alerts");
  if (top.size() <= index) return 0;
  int n = 0;
  for (const auto& m : chat.replies("alerts", top[index].ref)) n += contains(m.text, needle) ? 1 : 0;
  return n;
}

bool ready(bot& b) {
  httplib::Client c("127.0.0.1", b.http_port());
  auto res = c.Get("/readyz");
  return res && res->status == 200;
}

using clock_type = std::chrono::steady_clock;

}  // namespace

TEMPLATE_TEST_CASE("SIGHUP with a broken config: the bot runs on with the old one and logs the error",
                   "[integration][reload]", ONCALL_PLATFORMS) {
  TestType w("reload-broken", {}, bot_options{"", policy_after("2s")});
  w.start();
  REQUIRE(w.b.wait_ready());
  // The file would slow escalation to an hour, but a typo makes it invalid: none of it applies.
  edit_config(w.b, "after: 2s}\n      - {notify: [\"person:bob\"], after: 2s}",
              "after: 1h}\n      - {notify: [\"person:bob\"], after: 1h}");
  write_file(w.b.config_path(), read_file(w.b.config_path()) + "rotes:\n  - policy: default\n");
  reload_and_wait(w.b, "reload refused");
  CHECK(contains(w.b.log(), "reload refused, running on with the old config"));
  CHECK(contains(w.b.log(), "rotes"));  // the line names the offending key
  CHECK(ready(w.b));

  // Old behaviour: commands answer, and a page escalates after the old 2 s.
  auto who = w.chat.command("alice", "alerts", "who");
  REQUIRE(who.answered);
  CHECK(contains(who.reply, w.chat.mention("alice")));
  const auto paged_at = clock_type::now();
  REQUIRE(w.b.post("/webhooks/generic", R"({"title":"Disk full","dedup_key":"disk"})")->status == 200);
  REQUIRE(eventually([&] { return in_thread(w.chat, 0, "Escalated to level 2") == 1; }, std::chrono::seconds(8)));
  CHECK(clock_type::now() - paged_at < std::chrono::seconds(8));
  CHECK(ready(w.b));
}

TEMPLATE_TEST_CASE("SIGHUP with a new escalation delay: the next page escalates with it",
                   "[integration][reload]", ONCALL_PLATFORMS) {
  TestType w("reload-delay", {}, bot_options{"", policy_after("1h")});
  w.start();
  REQUIRE(w.b.wait_ready());
  REQUIRE(w.b.post("/webhooks/generic", R"({"title":"Before the reload","dedup_key":"before"})")->status == 200);
  REQUIRE(eventually([&] { return w.chat.top_level("alerts").size() == 1; }));

  w.b.rewrite_config(bot_options{"", policy_after("2s")});
  reload_and_wait(w.b, "config reloaded");
  const auto paged_at = clock_type::now();
  REQUIRE(w.b.post("/webhooks/generic", R"({"title":"After the reload","dedup_key":"after"})")->status == 200);
  REQUIRE(eventually([&] { return w.chat.top_level("alerts").size() == 2; }));
  REQUIRE(eventually([&] { return in_thread(w.chat, 1, "Escalated to level 2") == 1; }, std::chrono::seconds(8)));
  CHECK(clock_type::now() - paged_at >= std::chrono::milliseconds(1900));  // never early
  // A page already waiting keeps the due time it was given (docs/operations.md).
  CHECK(in_thread(w.chat, 0, "Escalated to level") == 0);
}

namespace {

const char* schedule_alice = R"(schedules:
  - name: primary
    timezone: UTC
    start: 2026-01-05T09:00:00Z
    shift: 7d
    members: [alice]
    handover_channel: "#oncall"
)";

// Schedules, people, policies, routes, runbooks, webhook tokens and the log level all differ
// from the running config; http.listen too, which must wait for a restart.
template <typename World>
void write_changed_config(World& w) {
  bot_options next;
  next.schedules_yaml = schedule_alice;
  next.policy_yaml = policy_after("5m") +
                     "  - name: database\n"
                     "    levels:\n"
                     "      - {notify: [\"person:dave\"], after: 5m}\n";
  next.people_roles = {{"alice", "[operator]"}};
  w.b.rewrite_config(next);
  edit_config(w.b, "members: [alice]", "members: [carol]");
  edit_config(w.b, "people:\n", "people:\n  - {name: dave, " + w.chat.person_yaml("dave") + ", roles: [operator]}\n");
  edit_config(w.b, "routes:\n", "routes:\n  - match: {team: database}\n    policy: database\n");
  edit_config(w.b, "test-secret-token", "rotated-token");
  edit_config(w.b, "log: {level: debug}", "log: {level: warn}");
  edit_config(w.b, "listen: 127.0.0.1:", "listen: 127.0.0.2:");
  write_file(w.b.config_path(), read_file(w.b.config_path()) +
                                    "runbooks:\n"
                                    "  - name: flush-cache\n"
                                    "    description: Flushes the cache\n"
                                    "    command: [/bin/echo, flushed]\n"
                                    "    roles: [operator]\n");
}

}  // namespace

TEMPLATE_TEST_CASE("SIGHUP changes schedules, policies, routes, people, runbooks and tokens without a reconnect",
                   "[integration][reload]", ONCALL_PLATFORMS) {
  TestType w("reload-live", {}, bot_options{"", "", schedule_alice});
  w.start();
  REQUIRE(w.b.wait_ready());
  REQUIRE(eventually([&] { return w.chat.connections_opened() >= 1; }));
  const int connections = w.chat.connections_opened();
  REQUIRE(contains(w.chat.command("bob", "alerts", "who").reply, w.chat.mention("alice")));
  REQUIRE_FALSE(contains(w.chat.command("dave", "alerts", "runbooks").reply, "flush-cache"));

  write_changed_config(w);
  reload_and_wait(w.b, "config reloaded");
  CHECK(contains(w.b.log(), "http.listen changed in the file; it takes effect after a restart"));
  CHECK(ready(w.b));  // still on the old address

  // Schedules: carol is on call now, and the handover engine posts the change of hands.
  CHECK(contains(w.chat.command("bob", "alerts", "who").reply, w.chat.mention("carol")));
  CHECK(eventually([&] {
    for (const auto& m : w.chat.top_level("oncall")) {
      if (contains(m.text, "Shift handover for primary") && contains(m.text, w.chat.mention("carol"))) return true;
    }
    return false;
  }));
  // People and runbooks: dave is known, has a role, and sees the new runbook.
  CHECK(contains(w.chat.command("dave", "alerts", "runbooks").reply, "flush-cache"));
  // Webhook tokens: the old one is refused, the new one pages; routes and policies: the
  // database route pages dave through the new policy.
  CHECK(w.b.post("/webhooks/generic", R"({"title":"x","dedup_key":"old"})")->status == 401);
  auto paged = w.b.post("/webhooks/generic",
                        R"({"title":"Replica lag","dedup_key":"lag","labels":{"team":"database"}})",
                        "application/json", "rotated-token");
  REQUIRE(paged);
  CHECK(paged->status == 200);
  REQUIRE(eventually([&] { return w.chat.top_level("alerts").size() == 1; }));
  CHECK(contains(w.chat.top_level("alerts")[0].text, w.chat.mention("dave")));
  // Log level: warn now, so commands are no longer logged at info.
  const int logged = occurrences(w.b.log(), "command from");
  REQUIRE(w.chat.command("alice", "alerts", "incidents").answered);
  CHECK(occurrences(w.b.log(), "command from") == logged);

  CHECK(w.chat.connections_opened() == connections);  // the chat connection was never dropped
}
