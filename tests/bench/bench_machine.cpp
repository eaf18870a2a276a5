// Role: machine description, the report document and running helper programs.
#include "bench_machine.hpp"

#include <sys/utsname.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <sstream>
#include <thread>

#include "../integration/process.hpp"

namespace oncall::bench {

namespace {

std::string first_value(const std::string& path, const std::string& key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) != 0) continue;
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    auto value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    return value;
  }
  return "unknown";
}

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
  return buffer;
}

}  // namespace

std::string describe_machine() {
  utsname u{};
  uname(&u);
  std::ostringstream out;
  out << first_value("/proc/cpuinfo", "model name") << ", " << std::thread::hardware_concurrency()
      << " CPUs online (nproc), " << first_value("/proc/meminfo", "MemTotal") << " memory, Linux "
      << u.release << " " << u.machine;
  return out.str();
}

std::string benchmarks_document(const std::string& table, const std::string& machine,
                                const std::string& commit, int samples, int warmup) {
  std::ostringstream out;
  out << "# Benchmarks\n\n"
      << "Written by `scripts/bench` (do not edit by hand). oncallbot and the peer — a minimal\n"
      << "[Bolt for JavaScript](https://www.npmjs.com/package/@slack/bolt) app in Socket Mode\n"
      << "(`tests/bench/peer/`) — run one after the other against chatsim on loopback, measured by\n"
      << "the same driver (`tests/bench/`) in the same run.\n\n"
      << "- Date: " << utc_now() << "\n"
      << "- Commit: `" << commit << "`\n"
      << "- Machine: " << machine << "\n"
      << "- Latencies: " << samples << " samples each after " << warmup << " untimed ones; ratio is\n"
      << "  oncallbot ÷ peer (below 1: oncallbot is faster or smaller).\n\n"
      << table << "\n"
      << "## How the figures are taken\n\n"
      << "Every time is CLOCK_MONOTONIC, which chatsim and the driver share, so nothing is timed\n"
      << "inside the bot and nothing polls it while it works.\n\n"
      << "- **slash envelope → ack**: chatsim stamps the envelope when it hands the frame to the\n"
      << "  socket and the ack when it reads it (`sent_mono_ns`, `acked_mono_ns` in\n"
      << "  `GET /_sim/envelopes`). Commands are `/oncall who` in #oncall, one at a time.\n"
      << "- **→ reply posted**: until chatsim stores the reply (`received_mono_ns` of the message).\n"
      << "  oncallbot answers in the ack itself (Socket Mode's response payload), so its reply is\n"
      << "  stored when the ack arrives; the peer acks and then calls `chat.postMessage` (`say`),\n"
      << "  the pattern Bolt's documentation shows.\n"
      << "- **burst**: chatsim sends all the envelopes at once (`count` on `/_sim/slack/command`);\n"
      << "  from the first envelope sent to the last reply stored.\n"
      << "- **webhook → announcement**: from just before the driver writes the Alertmanager request\n"
      << "  (keep-alive connection) to chatsim storing the announcement in #alerts. One alert at a\n"
      << "  time, each resolved before the next, so only one incident is open.\n"
      << "- **storm**: one new alert per request, over 4 keep-alive connections; alerts ÷ seconds\n"
      << "  until the last 2xx (a 2xx means the alert is committed). chatsim's rate limits are on,\n"
      << "  as in production; for the latency runs they are off.\n"
      << "- **big body**: one Alertmanager group of that many alerts (3.8 MB at 10,000), request\n"
      << "  written → 2xx read.\n"
      << "- **RSS**: `VmRSS` from `/proc/<pid>/status` (1 MB = 1,048,576 bytes); the peer's is node's.\n"
      << "  Idle is one second after connecting. The storm peak is `VmHWM` after resetting it\n"
      << "  (`/proc/<pid>/clear_refs`), read two seconds after the last 2xx.\n"
      << "- **startup to connected**: from spawning the process to chatsim queueing the Socket Mode\n"
      << "  `hello` (fresh database, so migrations are included).\n"
      << "- **postmortem export**: `bench_postmortem_export`, when built.\n\n"
      << "## Run it\n\n"
      << "```\nscripts/bench            # builds, installs the peer from its lockfile, runs (< 5 min)\n"
      << "ONCALL_BUILD_DIR=build-x scripts/bench   # use another build directory\n```\n\n"
      << "It needs node and npm for the peer (`npm ci` in `tests/bench/peer`); without them\n"
      << "`scripts/bench --no-peer` measures oncallbot alone. A quiet machine gives steadier p99s.\n";
  return out.str();
}

std::string run_and_capture(const std::string& binary) {
  std::string log = testing::make_temp_dir("oncallbot-bench-run") + "/output.log";
  testing::child_process proc({binary}, log);
  testing::eventually([&] { return !proc.running(); }, std::chrono::minutes(3));
  return testing::read_file(log);
}

}  // namespace oncall::bench
