// The runbook runner (bot/runbook/runner) with real child processes: exit codes, the scrubbed
// environment, inherited descriptors, timeouts that kill the whole process group, output
// capped in memory, partial output, and the limit on concurrent runs.
#include <fcntl.h>

#include <boost/asio/detached.hpp>
#include <catch2/catch.hpp>

#include "runbook_test_support.hpp"

using namespace oncall;
using namespace oncall::testing;
using namespace std::chrono_literals;

TEST_CASE("runbook runner: exit code, merged stdout and stderr, and a summary", "[unit][runbook]") {
  boost::asio::io_context io;
  runbook_runner runner(io.get_executor());
  auto out = run_to_end(runner, io,
                        request_for({"/bin/sh", "-c", "echo to-out; echo to-err >&2; exit 3"}));
  REQUIRE(out.ok());
  CHECK(out->exit_code == 3);
  CHECK_FALSE(out->signal);
  CHECK_FALSE(out->timed_out);
  CHECK_FALSE(out->succeeded());
  CHECK(out->output == "to-out\nto-err\n");
  CHECK(out->output_bytes == 14);
  CHECK(out->cut_bytes == 0);
  CHECK_THAT(out->summary(30s), Catch::StartsWith("exit 3 after "));
}

TEST_CASE("runbook runner: tokens in the bot's environment are not visible to a runbook",
          "[unit][runbook]") {
  ::setenv("SLACK_BOT_TOKEN", "xoxb-secret", 1);
  ::setenv("ALERT_TOKEN", "alert-secret", 1);
  boost::asio::io_context io;
  runner_options options;
  options.home = "/var/lib/oncallbot";
  runbook_runner runner(io.get_executor(), options);
  // "env" is found in the runbook's PATH, not the bot's, and prints the whole environment.
  auto out = run_to_end(runner, io, request_for({"env"}));
  ::unsetenv("SLACK_BOT_TOKEN");
  ::unsetenv("ALERT_TOKEN");
  REQUIRE(out.ok());
  CHECK(out->exit_code == 0);
  CHECK_THAT(out->output, !Catch::Contains("secret"));
  CHECK_THAT(out->output, !Catch::Contains("TOKEN"));
  // Exactly the allow-list, so the test fails if anything else leaks in.
  CHECK(out->output ==
        "PATH=/usr/local/bin:/usr/bin:/bin\n"
        "LANG=C.UTF-8\n"
        "HOME=/var/lib/oncallbot\n"
        "ONCALL_RUNBOOK=test-runbook\n"
        "ONCALL_USER=alice\n"
        "ONCALL_INCIDENT_ID=42\n");
}

TEST_CASE("runbook runner: a runbook inherits only stdin, stdout and stderr", "[unit][runbook]") {
  // A descriptor without close-on-exec, as a socket or database file might be.
  const int leaked = ::open("/dev/null", O_RDONLY);
  REQUIRE(leaked > 2);
  boost::asio::io_context io;
  runbook_runner runner(io.get_executor());
  auto out = run_to_end(runner, io, request_for({"/bin/sh", "-c", "ls /proc/$$/fd"}));
  ::close(leaked);
  REQUIRE(out.ok());
  CHECK(out->output == "0\n1\n2\n");
}

TEST_CASE("runbook runner: stdin is empty, the working directory is the configured one",
          "[unit][runbook]") {
  temp_dir dir;
  boost::asio::io_context io;
  runner_options options;
  options.working_dir = dir.str();
  runbook_runner runner(io.get_executor(), options);
  auto out = run_to_end(runner, io, request_for({"/bin/sh", "-c", "pwd; cat; echo end"}));
  REQUIRE(out.ok());
  CHECK(out->output == dir.str() + "\nend\n");
  auto missing = request_for({"/bin/pwd"});
  missing.working_dir = dir / "no-such-dir";
  auto refused = run_to_end(runner, io, missing);
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.err().message, Catch::Contains("does not exist or is not a directory"));
}

TEST_CASE("runbook runner: programs are found in the runbook PATH or relative to the bot",
          "[unit][runbook]") {
  temp_dir dir;
  write_script(dir, "bin/hello.sh", "echo hello from $0\n");
  boost::asio::io_context io;
  runner_options options;
  options.program_dir = dir.str();
  options.working_dir = "/";  // a working directory does not change which program runs
  runbook_runner runner(io.get_executor(), options);
  auto relative = run_to_end(runner, io, request_for({"bin/hello.sh"}));
  REQUIRE(relative.ok());
  CHECK(relative->output == "hello from " + dir.str() + "/bin/hello.sh\n");
  auto unknown = run_to_end(runner, io, request_for({"no-such-runbook-program"}));
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.err().message ==
        "The runbook program 'no-such-runbook-program' was not found in "
        "/usr/local/bin:/usr/bin:/bin; give its full path in the runbook's command.");
  write_file(dir / "bin/not-executable.sh", "echo no\n");
  auto plain = run_to_end(runner, io, request_for({dir / "bin/not-executable.sh"}));
  REQUIRE_FALSE(plain.ok());
  CHECK_THAT(plain.err().message, Catch::Contains("is not an executable file"));
}

TEST_CASE("runbook runner: a hanging runbook is killed with its children at the timeout",
          "[unit][runbook]") {
  temp_dir dir;
  const auto script = write_script(dir, "hang.sh",
                                   "sleep 100 & echo $! >> \"$1\"\n"
                                   "sleep 100 & echo $! >> \"$1\"\n"
                                   "echo $$ >> \"$1\"\n"
                                   "echo started\n"
                                   "wait\n");
  boost::asio::io_context io;
  runner_options options;
  options.kill_grace = 2s;
  runbook_runner runner(io.get_executor(), options);
  auto out = run_to_end(runner, io, request_for({script, dir / "pids"}, 1s));
  REQUIRE(out.ok());
  CHECK(out->timed_out);
  CHECK(out->signal == SIGTERM);
  CHECK(out->output == "started\n");
  CHECK(out->elapsed < 20s);
  const auto pids = pids_in(dir / "pids");
  REQUIRE(pids.size() == 3);
  CHECK(all_gone_within(pids, 10s));
  CHECK_THAT(out->summary(1s), Catch::StartsWith("killed by SIGTERM at the 1s timeout"));
}

TEST_CASE("runbook runner: a runbook that ignores SIGTERM gets SIGKILL after the grace period",
          "[unit][runbook]") {
  temp_dir dir;
  const auto script = write_script(dir, "stubborn.sh",
                                   "trap '' TERM\n"
                                   "sleep 100 & echo $! >> \"$1\"\n"
                                   "echo $$ >> \"$1\"\n"
                                   "while :; do sleep 1; done\n");
  boost::asio::io_context io;
  runner_options options;
  options.kill_grace = 1s;
  runbook_runner runner(io.get_executor(), options);
  auto out = run_to_end(runner, io, request_for({script, dir / "pids"}, 1s));
  REQUIRE(out.ok());
  CHECK(out->timed_out);
  CHECK(out->signal == SIGKILL);
  CHECK(out->elapsed < 20s);
  const auto pids = pids_in(dir / "pids");
  REQUIRE(pids.size() == 2);
  CHECK(all_gone_within(pids, 10s));
}

TEST_CASE("runbook runner: what a runbook leaves running in its group ends with it",
          "[unit][runbook]") {
  temp_dir dir;
  const auto script = write_script(dir, "leave.sh",
                                   "sleep 100 & echo $! > \"$1\"\n"
                                   "echo done\n");
  boost::asio::io_context io;
  runbook_runner runner(io.get_executor());
  auto out = run_to_end(runner, io, request_for({script, dir / "pids"}, 60s));
  REQUIRE(out.ok());
  CHECK(out->exit_code == 0);
  CHECK_FALSE(out->timed_out);
  CHECK(out->output == "done\n");
  CHECK(out->elapsed < 20s);  // not the 100 s the child holds the output pipe open
  CHECK(all_gone_within(pids_in(dir / "pids"), 10s));
}

TEST_CASE("runbook runner: a process that escaped the group cannot hold the run open",
          "[unit][runbook]") {
  temp_dir dir;
  // setsid puts the sleep in a new session, out of reach of the group kill; it still holds
  // the output pipe.
  const auto script = write_script(dir, "escape.sh",
                                   "setsid sleep 30 & echo $! > \"$1\"\n"
                                   "echo bye\n");
  boost::asio::io_context io;
  runner_options options;
  options.kill_grace = 1s;
  runbook_runner runner(io.get_executor(), options);
  auto out = run_to_end(runner, io, request_for({script, dir / "pids"}, 60s));
  for (pid_t p : pids_in(dir / "pids")) ::kill(p, SIGKILL);
  REQUIRE(out.ok());
  CHECK(out->exit_code == 0);
  CHECK(out->output == "bye\n");
  CHECK(out->elapsed < 15s);
}

TEST_CASE("runbook runner: 50 MB of output keeps the bot's memory bounded and is reported cut",
          "[unit][runbook]") {
  constexpr std::uint64_t total = 50ull * 1024 * 1024;
  temp_dir dir;
  const auto script = write_script(
      dir, "flood.sh",
      "yes 'a line of runbook output, again and again' | head -c " + std::to_string(total) + "\n");
  boost::asio::io_context io;
  runbook_runner runner(io.get_executor());
  // Reset the peak-RSS mark where the kernel allows it, so the peak measures this run alone.
  const bool peak_reset = static_cast<bool>(std::ofstream("/proc/self/clear_refs") << "5");
  const long rss_before = status_kb("VmRSS");
  auto out = run_to_end(runner, io, request_for({script}));
  const long peak_after = status_kb("VmHWM");
  const long rss_after = status_kb("VmRSS");
  REQUIRE(out.ok());
  CHECK(out->exit_code == 0);
  CHECK(out->output_bytes == total);
  CHECK(out->cut_bytes == total - 2 * capped_output::default_limit);
  CHECK(out->output.size() < 2 * capped_output::default_limit + 200);
  CHECK_THAT(out->output,
             Catch::Contains("[… 49.9 MB of output cut (" + std::to_string(out->cut_bytes) +
                             " bytes); showing the first 64.0 KB and the last 64.0 KB …]"));
  REQUIRE(rss_before > 0);
  INFO("RSS before " << rss_before << " kB, after " << rss_after << " kB, peak " << peak_after
                     << " kB, peak reset " << peak_reset);
  // 16 MB is generous for 128 KB of kept output and a 64 KB read buffer, and far below 50 MB.
  CHECK(rss_after - rss_before < 16 * 1024);
  if (peak_reset) CHECK(peak_after - rss_before < 16 * 1024);
}

TEST_CASE("runbook runner: partial output is reported while it runs, only when there is new",
          "[unit][runbook]") {
  boost::asio::io_context io;
  runner_options options;
  options.progress_every = 200ms;
  runbook_runner runner(io.get_executor(), options);
  std::vector<run_progress> reports;
  auto out =
      run_to_end(runner, io, request_for({"/bin/sh", "-c", "echo first; sleep 2; echo second"}),
                 [&](const run_progress& p) { reports.push_back(p); });
  REQUIRE(out.ok());
  CHECK(out->output == "first\nsecond\n");
  REQUIRE_FALSE(reports.empty());
  CHECK(reports.front().output == "first\n");
  CHECK(reports.front().output_bytes == 6);
  // Ten ticks passed during the sleep; with nothing new, none of them reported.
  CHECK(reports.size() <= 2);
}

TEST_CASE("runbook runner: runs beyond the concurrency limit are refused until one ends",
          "[unit][runbook]") {
  boost::asio::io_context io;
  runner_options options;
  options.max_concurrent = 1;
  runbook_runner runner(io.get_executor(), options);
  std::optional<result<run_outcome>> a, b;
  auto start = [&](std::optional<result<run_outcome>>& into,
                   run_request request) -> boost::asio::awaitable<void> {
    into.emplace(co_await runner.run(std::move(request)));
  };
  // Both start before either ends: the first takes the only slot while the second asks.
  boost::asio::co_spawn(io, start(a, request_for({"/bin/sleep", "1"})), boost::asio::detached);
  boost::asio::co_spawn(io, start(b, request_for({"/bin/true"})), boost::asio::detached);
  io.run();
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(a->ok());
  CHECK((*a)->exit_code == 0);
  REQUIRE_FALSE(b->ok());
  CHECK(b->err().message ==
        "All 1 runbook slots are busy (at most 1 run at once); try again when one has "
        "finished.");
  CHECK(runner.running() == 0);
  auto third = run_to_end(runner, io, request_for({"/bin/true"}));
  CHECK(third.ok());
}
