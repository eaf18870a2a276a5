// Helpers for the runbook tests: a temporary directory, small scripts written into it, running
// a runbook to its end on a private io_context, and looking at processes through /proc.
#pragma once

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bot/runbook/runner.hpp"

namespace oncall::testing {

class temp_dir {
 public:
  temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "runbook-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// An executable script `name` in `dir`; `body` follows the interpreter line.
inline std::string write_script(const temp_dir& dir, const std::string& name,
                                const std::string& body,
                                const std::string& interpreter = "/bin/bash") {
  const std::string path = dir / name;
  write_file(path, "#!" + interpreter + "\n" + body);
  ::chmod(path.c_str(), 0755);
  return path;
}

// Runs the request to its end on a fresh io_context, as the bot's io thread would.
inline result<run_outcome> run_to_end(runbook_runner& runner, boost::asio::io_context& io,
                                      run_request request, progress_handler on_progress = {}) {
  // co_spawn needs a default-constructible result; result<T> is not, so it travels in an
  // optional.
  std::optional<result<run_outcome>> out;
  auto run = [&]() -> boost::asio::awaitable<void> {
    out.emplace(co_await runner.run(std::move(request), std::move(on_progress)));
  };
  auto done = boost::asio::co_spawn(io, run(), boost::asio::use_future);
  io.restart();
  io.run();
  done.get();  // rethrows what the run threw
  return std::move(*out);
}

inline run_request request_for(std::vector<std::string> argv,
                               std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
  run_request r;
  r.argv = std::move(argv);
  r.who = {"42", "test-runbook", "alice"};
  r.timeout = timeout;
  return r;
}

// True when `pid` no longer runs: gone from /proc, or a zombie nobody reaped yet.
inline bool process_gone(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return true;
  std::string line;
  std::getline(stat, line);
  const auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'Z';
}

// Waits (generously) for every pid to be gone; true when they all are.
inline bool all_gone_within(const std::vector<pid_t>& pids, std::chrono::seconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  for (;;) {
    bool all = true;
    for (pid_t p : pids) all = all && process_gone(p);
    if (all) return true;
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

inline std::vector<pid_t> pids_in(const std::string& path) {
  std::vector<pid_t> pids;
  std::ifstream in(path);
  for (pid_t p; in >> p;) pids.push_back(p);
  return pids;
}

// A field of /proc/self/status in kB ("VmRSS", "VmHWM"), -1 when unreadable.
inline long status_kb(const std::string& field) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

}  // namespace oncall::testing
