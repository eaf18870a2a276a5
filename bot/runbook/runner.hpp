// Runs a validated runbook argv as a child process, asynchronously on the bot's io thread:
// no shell, its own process group, a scrubbed environment, a timeout (SIGTERM to the group,
// SIGKILL after a grace period), merged stdout+stderr capped to a head and a tail, partial
// output reported at most once per `progress_every`, and at most `max_concurrent` runs at once.
//
// The caller checks roles (roles.hpp) and builds the argv (validation.hpp) first; this class
// trusts the argv it is given and only decides how it runs.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <functional>
#include <string>
#include <vector>

#include "bot/core/result.hpp"
#include "bot/core/time.hpp"
#include "bot/runbook/environment.hpp"
#include "bot/runbook/output_cap.hpp"
#include "bot/runbook/run_outcome.hpp"
#include "bot/runbook/run_slots.hpp"

namespace oncall {

struct runner_options {
  std::size_t max_concurrent = 4;
  std::size_t head_bytes = capped_output::default_limit;
  std::size_t tail_bytes = capped_output::default_limit;
  // From SIGTERM to SIGKILL; also how long output is still read after the process ended.
  duration kill_grace{5'000};
  duration progress_every{1'000};  // chat messages are updated at most once a second
  std::string working_dir;         // empty: the bot's own
  std::string home;                // the runbook's HOME; empty: default_runbook_home()
  std::string program_dir;         // relative programs are found here; empty: the bot's cwd
};

struct run_request {
  std::vector<std::string> argv;  // from build_argv
  run_identity who;               // becomes ONCALL_INCIDENT_ID / ONCALL_RUNBOOK / ONCALL_USER
  duration timeout{60'000};       // the runbook's timeout
  std::string working_dir;        // empty: runner_options::working_dir
};

// Called on the io thread with the output so far; must not block.
using progress_handler = std::function<void(const run_progress&)>;

class runbook_runner {
 public:
  explicit runbook_runner(boost::asio::any_io_executor executor, runner_options options = {});

  // The outcome of the run (also when it failed or timed out), or an error when it could not
  // start: all slots busy, program not found, bad working directory.
  boost::asio::awaitable<result<run_outcome>> run(run_request request,
                                                  progress_handler on_progress = {});

  std::size_t running() const { return slots_.in_use(); }
  const runner_options& options() const { return options_; }

 private:
  boost::asio::any_io_executor executor_;
  runner_options options_;
  run_slots slots_;
};

}  // namespace oncall
