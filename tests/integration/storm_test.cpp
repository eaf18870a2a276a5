// Alert storms on the real binary: 10,000 alerts within seconds (200 Alertmanager groups of 50,
// then the real-world worst case, one 3.8 MB notification of 10,000 alerts in one group) give a
// bounded number of chat messages — the first storm_rule.threshold (10) incidents announced, one
// storm summary for the rest, one storm DM per paged person — lose no alert, and keep the bot's
// peak RSS (VmHWM) under 64 MB.
#include <catch2/catch.hpp>

#include <dirent.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

constexpr int groups = 200;
constexpr int alerts_per_group = 50;
constexpr int big_group_alerts = 10'000;
constexpr int storm_threshold = 10;  // storm_rule's default
constexpr long max_peak_rss_kb = 64 * 1024;

// One Alertmanager (version 4) notification of `count` firing alerts in group `group`, shaped
// like the captures in ../shared/fixtures/alertmanager (about 380 bytes per alert).
std::string alertmanager_body(const std::string& group, int count) {
  json alerts = json::array();
  for (int i = 0; i < count; ++i) {
    char fingerprint[17];
    std::snprintf(fingerprint, sizeof fingerprint, "%08x%08x", static_cast<unsigned>(std::hash<std::string>{}(group)), i);
    alerts.push_back({{"status", "firing"},
                      {"labels", {{"alertname", group}, {"cluster", "prod"}, {"instance", "node-" + std::to_string(i) + ":9100"},
                                  {"job", "node"}, {"severity", "warning"}, {"namespace", "infra"}}},
                      {"annotations", {{"summary", group + " on node-" + std::to_string(i)},
                                       {"description", "node-" + std::to_string(i) + " has been unreachable for more than 1 minute."}}},
                      {"startsAt", "2026-12-04T10:00:00.000Z"},
                      {"endsAt", "0001-01-01T00:00:00Z"},
                      {"generatorURL", "http://prometheus.example:9090/graph?g0.expr=up%7Bjob%3D%22node%22%7D+%3D%3D+0&g0.tab=1"},
                      {"fingerprint", fingerprint}});
  }
  json body{{"receiver", "oncallbot"},
            {"status", "firing"},
            {"alerts", alerts},
            {"groupLabels", {{"alertname", group}}},
            {"commonLabels", {{"alertname", group}, {"cluster", "prod"}, {"job", "node"}}},
            {"commonAnnotations", json::object()},
            {"externalURL", "http://127.0.0.1:9093"},
            {"version", "4"},
            {"groupKey", "{}:{alertname=\"" + group + "\"}"},
            {"truncatedAlerts", 0}};
  return body.dump();
}

// The peak resident set (VmHWM, kB) of the process whose command line names `config_path`.
long peak_rss_kb(const std::string& config_path) {
  DIR* proc = opendir("/proc");
  long found = -1;
  while (dirent* entry = proc ? readdir(proc) : nullptr) {
    const std::string pid = entry->d_name;
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream cmdline("/proc/" + pid + "/cmdline");
    std::string args((std::istreambuf_iterator<char>(cmdline)), std::istreambuf_iterator<char>());
    if (args.find(config_path) == std::string::npos || args.find("oncallbot") == std::string::npos) continue;
    std::ifstream status("/proc/" + pid + "/status");
    for (std::string line; std::getline(status, line);) {
      if (line.rfind("VmHWM:", 0) == 0) found = std::stol(line.substr(6));
    }
  }
  if (proc) closedir(proc);
  return found;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEMPLATE_TEST_CASE("a storm of 10000 alerts gives a bounded number of chat messages and loses nothing within 64 MB",
                   "[integration][storm]", ONCALL_PLATFORMS) {
  TestType w("storm");
  w.start();
  REQUIRE(w.b.wait_ready());

  // 200 groups of 50 alerts from four senders at once.
  std::atomic<int> accepted{0};
  std::vector<std::thread> senders;
  for (int t = 0; t < 4; ++t) {
    senders.emplace_back([&, t] {
      for (int g = t; g < groups; g += 4) {
        auto res = w.b.post("/webhooks/alertmanager", alertmanager_body("NodeDown" + std::to_string(g), alerts_per_group));
        if (res && res->status == 200) ++accepted;
      }
    });
  }
  for (auto& s : senders) s.join();
  CHECK(accepted == groups);
  // Then Alertmanager's worst case: one group of 10,000 alerts in one 3.8 MB body.
  const auto big = alertmanager_body("NodeDownEverywhere", big_group_alerts);
  CHECK(big.size() > 3'500'000);
  auto res = w.b.post("/webhooks/alertmanager", big);
  REQUIRE(res);
  CHECK(res->status == 200);

  // Nothing lost: every alert and every incident committed before the answers.
  CHECK(w.b.count("alerts") == groups * alerts_per_group + big_group_alerts);
  CHECK(w.b.count("incidents") == groups + 1);

  // Bounded chat: the first `threshold` incidents announced, every later one in one summary.
  const int summarised = groups + 1 - storm_threshold;
  const std::string summary_text = std::to_string(summarised) + " more incidents";
  REQUIRE(eventually([&] {
    auto top = w.chat.top_level("alerts");
    return !top.empty() && contains(top.back().text, summary_text);
  }, std::chrono::seconds(40)));
  auto top = w.chat.top_level("alerts");
  CHECK(top.size() == storm_threshold + 1);
  CHECK(contains(top.back().text, "Alert storm"));
  // Alice (on call) got one DM per announced incident and one for the storm.
  // (DMs keep to the same pace of about one per second, so they trail the channel.)
  CHECK(eventually([&] { return w.chat.direct_messages("alice").size() == storm_threshold + 1; },
                   std::chrono::seconds(20)));
  CHECK(contains(w.chat.direct_messages("alice").back().text, "alert storm"));

  const long peak = peak_rss_kb(w.b.config_path());
  WARN("peak RSS " << peak << " kB");
  CHECK(peak > 0);
  CHECK(peak < max_peak_rss_kb);
}
