// Role: the processes a benchmark run drives, each on loopback with free ports in a scratch
// directory: chatsim (with its control API), the real oncallbot binary configured against it,
// and the Bolt peer. Also reads a process's resident memory from /proc.
#pragma once

#include <httplib.h>
#include <sys/types.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "../integration/process.hpp"

namespace oncall::bench {

using nlohmann::json;

struct bench_paths {
  std::string oncallbot;  // the oncallbot binary
  std::string chatsim;    // the chatsim binary
  std::string node;       // node, for the peer ("" runs without the peer)
  std::string peer_dir;   // tests/bench/peer with node_modules installed
  std::string work_dir;   // scratch space for configs, databases and logs
};

// The webhook token oncallbot is configured with.
inline const std::string webhook_token = "bench-webhook-token";

class sim_process {
 public:
  // rate_limits: chatsim's chat.postMessage limiter (off for the latency runs).
  sim_process(const bench_paths& paths, const std::string& dir, bool rate_limits);
  int port() const { return port_; }
  std::string api_url() const;
  json get(const std::string& path);
  json post(const std::string& path, const json& body);
  // The latest Socket Mode hello (monotonic ns), 0 before the first.
  std::int64_t last_hello_ns();
  std::int64_t api_calls(const std::string& method);

 private:
  testing::child_process proc_;
  int port_ = 0;
  std::unique_ptr<httplib::Client> client_;
};

// A started process whose startup the benchmark times.
class measured_process {
 public:
  virtual ~measured_process() = default;
  virtual pid_t pid() const = 0;
  std::int64_t started_ns() const { return started_ns_; }

 protected:
  std::int64_t started_ns_ = 0;
};

// Announcement lanes: alerts labelled bench_lane=<k> are announced in #bench-<k>, a channel of
// their own, so each timed announcement meets a full per-channel pace bucket in the bot (its
// outbox keeps Slack's pace of about one post a second per channel).
std::string lane_channel(int lane);
void create_lane_channels(sim_process& sim, int lanes);

class bot_process : public measured_process {
 public:
  bot_process(const bench_paths& paths, const std::string& dir, const sim_process& sim,
              int lanes = 0);
  ~bot_process() override;
  void start();
  pid_t pid() const override { return proc_.pid(); }
  int http_port() const { return http_port_; }
  std::string log() const { return proc_.log(); }

 private:
  const bench_paths& paths_;
  std::string dir_;
  int http_port_ = 0;
  testing::child_process proc_;
};

class peer_process : public measured_process {
 public:
  peer_process(const bench_paths& paths, const std::string& dir, const sim_process& sim);
  ~peer_process() override;
  void start();
  pid_t pid() const override { return proc_.pid(); }
  // The peer's webhook port, once it listens (0 before).
  int http_port();
  std::string log() const { return proc_.log(); }

 private:
  const bench_paths& paths_;
  std::string dir_;
  std::string api_url_;
  int http_port_ = 0;
  testing::child_process proc_;
};

// Waits until `sim` says hello to a socket opened after `p` started; the time from start to
// that hello in ms, or a negative number on timeout.
double wait_connected(sim_process& sim, const measured_process& p, int timeout_ms = 20000);

// A /proc/<pid>/status size in MB (VmRSS: resident now; VmHWM: peak resident); -1 if unreadable.
double memory_mb(pid_t pid, const char* field = "VmRSS");
// Resets the kernel's peak-RSS mark (VmHWM) to the current RSS, so a later VmHWM is the peak of
// what came after. Returns whether the kernel accepted it.
bool reset_peak_memory(pid_t pid);

}  // namespace oncall::bench
