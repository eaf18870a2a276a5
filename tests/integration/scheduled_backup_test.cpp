// Scheduled backups on the real binary: with storage.backup {every: 1s, keep: 2} the running
// bot takes backups on its own, rotates them to exactly the newest two, reports the last
// success in /metrics, and each file left is a store `oncallbot restore` accepts.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <regex>
#include <thread>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

int run_cli(const std::string& args, std::string& output) {
  std::string command = std::string(ONCALLBOT_BINARY) + " " + args + " 2>&1";
  FILE* p = popen(command.c_str(), "r");
  if (!p) return -1;
  char buf[512];
  while (fgets(buf, sizeof buf, p)) output += buf;
  int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int occurrences(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("scheduled backups every second keep exactly the newest two, each restorable",
          "[integration][backup]") {
  scratch_dir probe("scheduled-backup-dir");
  const std::string dir = probe.path() + "/backups";
  slack_world w("scheduled-backup", {}, bot_options{});
  // The harness writes `storage: sqlite:PATH`; the map form adds the schedule.
  auto config = read_file(w.b.config_path());
  config = std::regex_replace(config, std::regex("storage: (sqlite:[^\n]*)"),
                              "storage: {url: \"$1\", backup: {every: 1s, keep: 2, dir: \"" + dir + "\"}}");
  write_file(w.b.config_path(), config);
  w.start();
  REQUIRE(w.b.wait_ready());
  REQUIRE(w.b.post("/webhooks/generic", R"({"title":"Backed up","dedup_key":"backed-up"})")->status == 200);

  // At least four backups, so the rotation has removed some.
  if (!eventually([&] { return occurrences(w.b.log(), "backup: wrote") >= 4; }, std::chrono::seconds(15))) {
    FAIL("fewer than four scheduled backups; the bot's log:\n" << w.b.log());
  }
  httplib::Client http("127.0.0.1", w.b.http_port());
  auto metrics = http.Get("/metrics");
  REQUIRE(metrics);
  std::smatch last;
  REQUIRE(std::regex_search(metrics->body, last,
                            std::regex("oncallbot_backup_last_success_timestamp_seconds (\\d+)")));
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  CHECK(std::stoll(last[1]) > now - 30);
  REQUIRE(w.b.terminate() == 0);

  auto names = files_in(dir);
  INFO(w.b.log());
  REQUIRE(names.size() == 2);
  for (const auto& name : names) CHECK(std::regex_match(name, std::regex("oncallbot-\\d{8}T\\d{6}Z\\.db")));
  CHECK(occurrences(w.b.log(), "backup: failed") == 0);
  // The bot is stopped, so restore may write; each copy must be accepted and hold the incident.
  for (const auto& name : names) {
    std::string output;
    const int code = run_cli("restore --config " + w.b.config_path() + " --in " + dir + "/" + name, output);
    INFO(name << ": " << output);
    CHECK(code == 0);
    CHECK(w.b.count("incidents") == 1);
  }
}
