// Starting a runbook process: posix_spawn, never a shell. The child gets its own process group
// (so a timeout can kill everything it started), stdin from /dev/null, stdout and stderr
// merged into one pipe, default signal handling, and none of the bot's other descriptors
// (sockets, the database): everything from fd 3 up is closed.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "bot/core/result.hpp"

namespace oncall {

// A file descriptor that is closed when destroyed.
class unique_fd {
 public:
  unique_fd() = default;
  explicit unique_fd(int fd) : fd_(fd) {}
  unique_fd(unique_fd&& other) noexcept : fd_(other.release()) {}
  unique_fd& operator=(unique_fd&& other) noexcept;
  unique_fd(const unique_fd&) = delete;
  unique_fd& operator=(const unique_fd&) = delete;
  ~unique_fd();

  int get() const { return fd_; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_ = -1;
};

struct spawn_request {
  std::vector<std::string> argv;  // argv[0] is an absolute path (resolve_program)
  std::vector<std::string> env;   // "NAME=value", the whole environment (scrubbed_environment)
  std::string working_dir;        // empty: the bot's own
};

struct spawned_process {
  pid_t pid = -1;    // also the id of its process group
  unique_fd output;  // read end of the stdout+stderr pipe, close-on-exec
};

// Starts the process; an error when it could not start (bad program, working directory, or a
// NUL byte in an argument, which would silently cut it short).
result<spawned_process> spawn_process(const spawn_request& request);

}  // namespace oncall
