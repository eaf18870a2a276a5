// The asynchronous side of a runbook run: one run_session per process, three coroutines
// joined with && — pump (pipe → capped output), supervise (timeout, kill, reap, drain) and
// report (partial output on a timer) — so the io thread never blocks on a runbook.
#include "bot/runbook/runner.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/readable_pipe.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/runbook/exit_watch.hpp"
#include "bot/runbook/process_group.hpp"
#include "bot/runbook/program_path.hpp"
#include "bot/runbook/spawn.hpp"

namespace oncall {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

namespace {

asio::awaitable<void> sleep_for(duration d) {
  asio::steady_timer timer(co_await asio::this_coro::executor, d);
  co_await timer.async_wait(use_tuple);
}

class run_session {
 public:
  run_session(asio::any_io_executor ex, const runner_options& options, spawned_process child,
              duration timeout, progress_handler on_progress)
      : options_(options),
        timeout_(timeout),
        on_progress_(std::move(on_progress)),
        pid_(child.pid),
        watch_(ex, child.pid),
        pipe_(ex, child.output.release()),
        output_(options.head_bytes, options.tail_bytes),
        drained_(ex, asio::steady_timer::time_point::max()),
        tick_(ex),
        started_(std::chrono::steady_clock::now()) {}

  // Whatever happens to the coroutine (an exception, the bot shutting down), the process group
  // does not outlive the session.
  ~run_session() {
    if (!reaped_) reap_group(pid_);
  }

  asio::awaitable<run_outcome> run() {
    co_await (pump() && supervise() && report());
    run_outcome out;
    out.exit_code = status_.code;
    out.signal = status_.signal;
    out.timed_out = timed_out_;
    out.elapsed = elapsed();
    out.output = output_.text();
    out.output_bytes = output_.total_bytes();
    out.cut_bytes = output_.cut_bytes();
    co_return out;
  }

 private:
  duration elapsed() const {
    return std::chrono::duration_cast<duration>(std::chrono::steady_clock::now() - started_);
  }

  asio::awaitable<bool> exits_within(duration d) {
    co_await (watch_.wait() || sleep_for(d));
    co_return has_exited(pid_);
  }

  // Reads until every writer closed the pipe (EOF) or supervise closes it.
  asio::awaitable<void> pump() {
    std::vector<char> buffer(64 * 1024);  // fixed: memory does not grow with the output
    for (;;) {
      auto [ec, n] = co_await pipe_.async_read_some(asio::buffer(buffer), use_tuple);
      output_.append({buffer.data(), n});
      if (ec) break;
    }
    pipe_done_ = true;
    drained_.cancel();
  }

  // Step 1: wait for the exit or the timeout. Step 2: at the timeout, SIGTERM the group, and
  // SIGKILL it after the grace period. Step 3: reap (killing stragglers). Step 4: read what is
  // left in the pipe, but not forever: a process that escaped the group may hold it open.
  asio::awaitable<void> supervise() {
    if (!co_await exits_within(timeout_)) {
      timed_out_ = true;
      signal_group(pid_, SIGTERM);
      if (!co_await exits_within(options_.kill_grace)) {
        signal_group(pid_, SIGKILL);
        while (!has_exited(pid_)) co_await watch_.wait();
      }
    }
    status_ = reap_group(pid_);
    reaped_ = true;
    if (!pipe_done_) {
      drained_.expires_after(options_.kill_grace);
      co_await drained_.async_wait(use_tuple);
    }
    boost::system::error_code ignored;
    pipe_.close(ignored);
    finished_ = true;
    tick_.cancel();
  }

  // Partial output for the room, only when there is something new.
  asio::awaitable<void> report() {
    if (!on_progress_) co_return;
    std::uint64_t reported = 0;
    while (!finished_) {
      tick_.expires_after(options_.progress_every);
      co_await tick_.async_wait(use_tuple);
      if (finished_ || output_.total_bytes() == reported) continue;
      reported = output_.total_bytes();
      try {
        on_progress_(run_progress{output_.text(), reported, elapsed()});
      } catch (const std::exception& e) {
        // A failed chat update must not end the run; the final result still gets posted.
        spdlog::warn("runbook progress report failed: {}", e.what());
      }
    }
  }

  const runner_options& options_;
  duration timeout_;
  progress_handler on_progress_;
  pid_t pid_;
  exit_watch watch_;
  asio::readable_pipe pipe_;
  capped_output output_;
  asio::steady_timer drained_;  // cancelled by pump at EOF
  asio::steady_timer tick_;
  std::chrono::steady_clock::time_point started_;
  exit_status status_;
  bool timed_out_ = false, pipe_done_ = false, finished_ = false, reaped_ = false;
};

status check_directory(const std::string& dir) {
  struct stat st {};
  if (dir.empty() || (::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode))) return ok_status();
  return error{"The runbook working directory '" + dir +
                   "' does not exist or is not a directory; create it or fix the setting.",
               "working_dir"};
}

}  // namespace

runbook_runner::runbook_runner(asio::any_io_executor executor, runner_options options)
    : executor_(std::move(executor)),
      options_(std::move(options)),
      slots_(options_.max_concurrent) {
  if (options_.home.empty()) options_.home = default_runbook_home();
}

asio::awaitable<result<run_outcome>> runbook_runner::run(run_request request,
                                                         progress_handler on_progress) {
  auto slot = slots_.try_take();
  if (!slot) {
    const auto n = std::to_string(slots_.limit());
    co_return error{"All " + n + " runbook slots are busy (at most " + n +
                        " run at once); try again when one has finished.",
                    "runbook"};
  }
  if (request.argv.empty()) co_return error{"Nothing to run: the argv is empty.", "argv"};
  auto program = resolve_program(request.argv[0], runbook_search_path, options_.program_dir);
  if (!program) co_return program.err();
  const std::string& dir = request.working_dir.empty() ? options_.working_dir : request.working_dir;
  if (auto s = check_directory(dir); !s) co_return s.err();
  request.argv[0] = *program;
  auto child = spawn_process({request.argv, scrubbed_environment(request.who, options_.home), dir});
  if (!child) co_return child.err();
  run_session session(executor_, options_, std::move(*child), request.timeout,
                      std::move(on_progress));
  co_return co_await session.run();
}

}  // namespace oncall
