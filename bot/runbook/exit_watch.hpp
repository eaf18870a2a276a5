// Waiting for a runbook process to end without blocking the io thread: a pidfd watched by
// Asio (Linux 5.3+), or a 50 ms poll where pidfds are unavailable. No SIGCHLD handler, so
// nothing else in the bot that starts processes is disturbed.
#pragma once

#include <sys/types.h>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <optional>

namespace oncall {

class exit_watch {
 public:
  exit_watch(boost::asio::any_io_executor executor, pid_t pid);

  // Completes when the process has ended (it is left unreaped: see process_group.hpp), or when
  // the wait is cancelled; check has_exited afterwards to know which.
  boost::asio::awaitable<void> wait();

 private:
  pid_t pid_;
  std::optional<boost::asio::posix::stream_descriptor> pidfd_;
  boost::asio::steady_timer poll_;
};

}  // namespace oncall
