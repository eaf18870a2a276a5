// Backup and restore on the real binary: a backup taken while alerts and commands keep arriving
// is consistent (every incident with its timeline and its pending escalation), restores into a
// fresh path, and a restore over storage a running bot holds is refused.
#include <catch2/catch.hpp>
#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <cstdio>
#include <regex>
#include <thread>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

struct command_result {
  int exit_code = -1;
  std::string output;
};

command_result run_cli(const std::string& args) {
  command_result r;
  std::string command = std::string(ONCALLBOT_BINARY) + " " + args + " 2>&1";
  if (FILE* p = popen(command.c_str(), "r")) {
    char buf[512];
    while (fgets(buf, sizeof buf, p)) r.output += buf;
    int status = pclose(p);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  return r;
}

std::int64_t scalar(SQLite::Database& db, const std::string& sql) { return db.execAndGet(sql).getInt64(); }

// What a consistent copy must satisfy: every incident has its first timeline entries and its
// announcement (or storm summary entry), and every unacknowledged one still has its escalation due.
void check_consistent(const std::string& path, std::int64_t& incidents, std::int64_t& entries) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  incidents = scalar(db, "SELECT COUNT(*) FROM incidents");
  entries = scalar(db, "SELECT COUNT(*) FROM timeline");
  CHECK(scalar(db, "SELECT COUNT(*) FROM incidents i WHERE (SELECT COUNT(*) FROM timeline t "
                   "WHERE t.incident_id = i.id AND t.kind IN ('alert', 'page')) < 2") == 0);
  CHECK(scalar(db, "SELECT COUNT(*) FROM incidents WHERE state = 'triggered' AND "
                   "next_escalation_at IS NULL") == 0);
  // Every incident is announced, or (past the storm threshold) listed in a storm summary.
  CHECK(scalar(db, "SELECT COUNT(*) FROM effects WHERE kind = 'announce'") +
            scalar(db, "SELECT COUNT(*) FROM storm_incidents") ==
        incidents);
}

}  // namespace

TEST_CASE("a backup taken under load restores into a fresh path with every incident", "[integration][backup]") {
  slack_world w("backup", {}, bot_options{});
  w.start();
  REQUIRE(w.b.wait_ready());
  std::atomic<bool> stop{false};
  std::atomic<int> sent{0};
  std::thread load([&] {
    for (int i = 0; !stop; ++i) {
      auto body = R"({"title":"Load )" + std::to_string(i) + R"(","dedup_key":"load-)" + std::to_string(i) + R"("})";
      if (w.b.post("/webhooks/generic", body)->status == 200) ++sent;
      if (i % 5 == 4) w.chat.command("alice", "alerts", "ack " + std::to_string(i));
    }
  });
  REQUIRE(eventually([&] { return sent >= 20; }, std::chrono::seconds(20)));
  const auto dir = make_temp_dir("oncallbot-backup");
  auto backed_up = run_cli("backup --config " + w.b.config_path() + " --out " + dir + "/copy.db");
  REQUIRE(eventually([&] { return sent >= 40; }, std::chrono::seconds(20)));
  stop = true;
  load.join();
  INFO(backed_up.output);
  REQUIRE(backed_up.exit_code == 0);

  std::int64_t incidents = 0, entries = 0;
  check_consistent(dir + "/copy.db", incidents, entries);
  CHECK(incidents >= 20);
  CHECK(incidents < w.b.count("incidents"));  // the bot went on after the copy

  auto refused = run_cli("restore --config " + w.b.config_path() + " --in " + dir + "/copy.db");
  CHECK(refused.exit_code == 1);
  CHECK(refused.output.find("a running oncallbot holds") != std::string::npos);

  // The same config pointed at a fresh path takes the copy.
  auto config = read_file(w.b.config_path());
  config = std::regex_replace(config, std::regex("storage: sqlite:[^\\n]*"), "storage: sqlite:" + dir + "/restored.db");
  write_file(dir + "/restored.yaml", config);
  auto restored = run_cli("restore --config " + dir + "/restored.yaml --in " + dir + "/copy.db");
  INFO(restored.output);
  REQUIRE(restored.exit_code == 0);
  std::int64_t restored_incidents = 0, restored_entries = 0;
  check_consistent(dir + "/restored.db", restored_incidents, restored_entries);
  CHECK(restored_incidents == incidents);
  CHECK(restored_entries == entries);
  remove_tree(dir);
}

TEST_CASE("backup and restore say what is wrong with bad input", "[integration][backup]") {
  const auto dir = make_temp_dir("oncallbot-backup-bad");
  write_file(dir + "/c.yaml", "chat: {platform: slack, alerts_channel: '#a', slack: {app_token: x, bot_token: y}}\n"
                              "storage: sqlite:" + dir + "/none.db\n");
  auto missing = run_cli("backup --config " + dir + "/c.yaml --out " + dir + "/x.db");
  CHECK(missing.exit_code == 1);
  CHECK(missing.output.find("does not exist") != std::string::npos);
  write_file(dir + "/garbage.db", "this is not a database");
  auto garbage = run_cli("restore --config " + dir + "/c.yaml --in " + dir + "/garbage.db");
  CHECK(garbage.exit_code == 1);
  CHECK(garbage.output.find("restore from") != std::string::npos);
  auto absent = run_cli("restore --config " + dir + "/c.yaml --in " + dir + "/absent.db");
  CHECK(absent.exit_code == 2);
  remove_tree(dir);
}
