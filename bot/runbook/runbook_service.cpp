#include "bot/runbook/runbook_service.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/engine/runbook_requests.hpp"

namespace oncall {

namespace asio = boost::asio;

namespace {

const runbook* find_runbook(const config& cfg, const std::string& name) {
  for (const auto& rb : cfg.runbooks) {
    if (rb.name == name) return &rb;
  }
  return nullptr;
}

std::string label(const runbook_run& run) {
  return "run " + std::to_string(run.id) + " of " + run.runbook;
}

// The last `limit` bytes of `text`, starting at a UTF-8 character boundary.
std::string tail_of(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t from = text.size() - limit;
  while (from < text.size() && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;
  return text.substr(from);
}

}  // namespace

outbound_message run_summary_message(const runbook_run& run, const run_outcome& outcome,
                                     duration timeout, std::size_t chat_limit) {
  outbound_message m;
  const bool ok = outcome.succeeded();
  m.headline = {rt::text(std::string(ok ? "Runbook " : "Runbook failed: ") + run.runbook + " (run " +
                         std::to_string(run.id) + "): " + outcome.summary(timeout))};
  m.body.push_back({rt::code(display_argv(run.argv))});
  auto shown = tail_of(outcome.output, chat_limit);
  if (shown.empty()) {
    m.body.push_back({rt::text("No output.")});
  } else {
    m.body.push_back({rt::code(shown)});
  }
  const auto cut = outcome.output_bytes > shown.size() ? outcome.output_bytes - shown.size() : 0;
  std::string small = "Requested by " + run.requested_by + "; " + human_bytes(outcome.output_bytes) +
                      " of output";
  if (cut > 0) {
    small += ", of which " + human_bytes(cut) + " (" + std::to_string(cut) +
             " bytes) cut here; showing the last " + human_bytes(shown.size()) +
             ". oncallbot audit keeps more";
  }
  m.body.push_back({rt::text(small + ".")});
  return m;
}

runbook_service::runbook_service(asio::any_io_executor executor, incident_engine& engine,
                                 runner_options options)
    : executor_(executor), engine_(engine), runner_(executor, std::move(options)) {}

asio::awaitable<void> runbook_service::run(const bool& stopping) {
  try {
    int n = runbook_requests(engine_).interrupt_leftovers();
    if (n > 0) spdlog::warn("runbooks: {} run(s) of a previous bot marked interrupted, not re-run", n);
  } catch (const std::exception& e) {
    spdlog::error("runbooks: start-up: {}", e.what());
  }
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (!stopping) {
    try {
      poll();
    } catch (const std::exception& e) {
      spdlog::error("runbooks: {}", e.what());
    }
    timer.expires_after(std::chrono::milliseconds(200));
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

int runbook_service::poll() {
  runbook_requests requests(engine_);
  requests.expire_due();
  int started = 0;
  for (auto run : engine_.storage().runbook_runs_in_state(std::string(run_state::approved))) {
    const runbook* rb = find_runbook(engine_.cfg(), run.runbook);
    run.started_at = engine_.now();
    if (!rb) {
      run.state = std::string(run_state::error);
      run.ended_at = run.started_at;
      run.error = "runbook '" + run.runbook + "' is no longer configured; nothing was run";
      finish(run, label(run) + " not started: " + run.error,
             simple_message({rt::text("Runbook " + run.runbook + " (run " + std::to_string(run.id) +
                                      ") was not run: " + run.error + ".")}));
      continue;
    }
    // At most once: the run is "running" in storage before its process exists.
    run.state = std::string(run_state::running);
    requests.record(run, run.requested_by, label(run) + " started: " + display_argv(run.argv));
    run_request request;
    request.argv = run.argv;
    request.who.incident_id = run.incident_id ? std::to_string(run.incident_id) : std::string{};
    request.who.runbook = run.runbook;
    request.who.user = run.requested_by;
    request.timeout = rb->timeout;
    spdlog::info("runbooks: starting {} for {}", label(run), run.requested_by);
    asio::co_spawn(executor_, carry_out(run, std::move(request)), [id = run.id](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        spdlog::error("runbooks: run {} failed in the bot: {}", id, ex.what());
      }
    });
    ++started;
  }
  return started;
}

asio::awaitable<void> runbook_service::carry_out(runbook_run run, run_request request) {
  const auto timeout = request.timeout;
  auto outcome = co_await runner_.run(std::move(request));
  run.ended_at = engine_.now();
  if (!outcome) {
    run.state = std::string(run_state::error);
    run.error = outcome.err().message;
    spdlog::warn("runbooks: {} could not start: {}", label(run), run.error);
    finish(run, label(run) + " could not start: " + run.error,
           simple_message({rt::text("Runbook " + run.runbook + " (run " + std::to_string(run.id) +
                                    ") could not start: " + run.error)}));
    co_return;
  }
  const auto& o = *outcome;
  run.state = std::string(o.succeeded() ? run_state::succeeded : run_state::failed);
  run.exit_code = o.exit_code;
  run.signal = o.signal;
  run.timed_out = o.timed_out;
  run.output_bytes = static_cast<std::int64_t>(o.output_bytes);
  run.output = o.output;
  const auto summary = o.summary(timeout);
  spdlog::info("runbooks: {} ended: {}", label(run), summary);
  finish(run, label(run) + " ended: " + summary + ", " + human_bytes(o.output_bytes) + " of output",
         run_summary_message(run, o, timeout));
}

void runbook_service::finish(runbook_run run, const std::string& summary, const outbound_message& m) {
  engine_.commit([&] {
    runbook_requests(engine_).record(run, run.requested_by, summary);
    runbook_requests(engine_).post(run, "runbook-end:" + std::to_string(run.id), m);
  });
  // run.state is one of succeeded, failed or error here: a bounded label.
  if (auto* metrics = engine_.metrics()) metrics->runbook_runs.add(run.state);
}

}  // namespace oncall
