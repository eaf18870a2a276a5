// pidfd-based exit notification for runbook processes.
#include "bot/runbook/exit_watch.hpp"

#include <sys/syscall.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/runbook/process_group.hpp"

namespace oncall {

namespace asio = boost::asio;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

exit_watch::exit_watch(asio::any_io_executor executor, pid_t pid) : pid_(pid), poll_(executor) {
  const long fd = ::syscall(SYS_pidfd_open, pid, 0);
  if (fd >= 0) pidfd_.emplace(executor, static_cast<int>(fd));
}

asio::awaitable<void> exit_watch::wait() {
  while (!has_exited(pid_)) {
    boost::system::error_code ec;
    if (pidfd_) {
      std::tie(ec) =
          co_await pidfd_->async_wait(asio::posix::descriptor_base::wait_read, use_tuple);
    } else {
      poll_.expires_after(std::chrono::milliseconds(50));
      std::tie(ec) = co_await poll_.async_wait(use_tuple);
    }
    if (ec == asio::error::operation_aborted) co_return;
    if (ec) pidfd_.reset();  // the pidfd failed: poll instead of giving up on the child
  }
}

}  // namespace oncall
