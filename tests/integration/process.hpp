// Child processes for integration tests: start with argv and extra environment, output to a
// log file; stop politely, kill -9, pause and resume.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace oncall::testing {

class child_process {
 public:
  child_process() = default;
  child_process(std::vector<std::string> argv, const std::string& log_path,
                const std::map<std::string, std::string>& env = {});
  ~child_process();
  child_process(child_process&& other) noexcept;
  child_process& operator=(child_process&& other) noexcept;

  bool running();
  void kill9();
  // SIGTERM, then waits; returns the exit code (or 128+signal).
  int terminate(std::chrono::milliseconds wait = std::chrono::seconds(10));
  void pause();
  void resume();
  void hangup();  // SIGHUP
  pid_t pid() const { return pid_; }
  const std::string& log_path() const { return log_; }
  std::string log() const;

 private:
  int reap(bool block);
  pid_t pid_ = -1;
  std::string log_;
  int status_ = -1;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int free_port();

// A fresh directory under $TMPDIR, removed by the caller's fixture.
std::string make_temp_dir(const std::string& prefix);
void remove_tree(const std::string& path);
void write_file(const std::string& path, const std::string& content);
std::string read_file(const std::string& path);

// Polls `condition` every 20 ms until it holds or `timeout` passes; returns whether it held.
template <typename F>
bool eventually(F condition, std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace oncall::testing

#include <thread>

template <typename F>
bool oncall::testing::eventually(F condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}
