// Carries out approved runbook runs on the bot's io thread. Every 200 ms it expires stale
// confirmations and starts approved runs: each is marked "running" in a commit before its
// process starts (so a restart finds it running and marks it interrupted instead of running it
// twice), runs through runbook_runner, and ends with a commit of its outcome, a timeline entry
// and a post of the summary in the incident room (or the channel it was asked in).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "bot/core/runbook_run.hpp"
#include "bot/engine/incident_engine.hpp"
#include "bot/runbook/runner.hpp"

namespace oncall {

// The chat message for a finished run: exit code, duration and the end of the output in a code
// span, saying how much was cut. At most `chat_limit` bytes of output are shown.
outbound_message run_summary_message(const runbook_run& run, const run_outcome& outcome,
                                     duration timeout, std::size_t chat_limit = 3000);

class runbook_service {
 public:
  runbook_service(boost::asio::any_io_executor executor, incident_engine& engine,
                  runner_options options = {});

  // Marks leftovers of a previous bot interrupted, then polls until `stopping` is set.
  boost::asio::awaitable<void> run(const bool& stopping);
  // One poll: expires confirmations, starts approved runs; returns how many started.
  int poll();

 private:
  boost::asio::awaitable<void> carry_out(runbook_run run, run_request request);
  void finish(runbook_run run, const std::string& summary, const outbound_message& m);

  boost::asio::any_io_executor executor_;
  incident_engine& engine_;
  runbook_runner runner_;
};

}  // namespace oncall
