// oncallbot_runbook_runs_total{outcome}: the runbook service counts each run it finishes, by
// its final state, through the engine's metrics registry.
#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>

#include "bot/http/metrics_registry.hpp"
#include "bot/runbook/runbook_service.hpp"
#include "handler_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

config with_log_tail() {
  auto c = demo_config();
  c.people[1].roles = {"responder"};
  runbook tail;
  tail.name = "log-tail";
  tail.description = "Last lines of a log";
  tail.command = {"/usr/bin/tail", "-n", "5", "{file}"};
  tail.params = {{.name = "file", .pattern = "^[a-z]+\\.log$"}};
  tail.roles = {"responder"};
  c.runbooks = {tail};
  return c;
}

}  // namespace

TEST_CASE("a run that cannot start counts as runbook outcome error", "[runbook][metrics]") {
  handler_fixture f(with_log_tail());
  bot_metrics m;
  f.engine.set_metrics(m);
  REQUIRE(f.run(bob, "run log-tail file=api.log").in_channel);  // approved at once
  // The runbook leaves the config before the service picks the run up: it ends in error.
  auto without = with_log_tail();
  without.runbooks.clear();
  f.engine.reload(std::make_shared<const config>(without));

  boost::asio::io_context io;
  runbook_service service(io.get_executor(), f.engine);
  CHECK(service.poll() == 0);
  CHECK(m.runbook_runs.value("error") == 1);
  CHECK(m.runbook_runs.value("succeeded") == 0);
  CHECK(m.runbook_runs.snapshot().size() == 1);
}
