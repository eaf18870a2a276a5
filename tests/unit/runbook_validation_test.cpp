// From key=value arguments to argv (bot/runbook/validation) and who may run what
// (bot/runbook/roles).
#include <catch2/catch.hpp>

#include "bot/runbook/roles.hpp"
#include "bot/runbook/validation.hpp"

using namespace oncall;

namespace {

runbook restart_api() {
  runbook rb;
  rb.name = "restart-api";
  rb.command = {"scripts/runbooks/restart.sh", "--env", "{env}", "{region}"};
  rb.params = {{"env", "^(staging|prod)$", "staging"}, {"region", "^[a-z]{2}-[a-z]+-[0-9]$"}};
  rb.roles = {"operator"};
  return rb;
}

result<std::vector<std::string>> argv(const runbook& rb, std::vector<std::string> tokens) {
  return argv_for(rb, tokens);
}

std::string message(const result<std::vector<std::string>>& r) {
  REQUIRE_FALSE(r.ok());
  return r.err().message;
}

}  // namespace

TEST_CASE("runbook argv: each value fills exactly its placeholder element, defaults apply",
          "[unit][runbook]") {
  auto r = argv(restart_api(), {"region=eu-west-1"});
  REQUIRE(r.ok());
  CHECK(*r ==
        std::vector<std::string>{"scripts/runbooks/restart.sh", "--env", "staging", "eu-west-1"});
  auto prod = argv(restart_api(), {"env=prod", "region=us-east-2"});
  REQUIRE(prod.ok());
  CHECK(prod->at(2) == "prod");
}

TEST_CASE("runbook argv: a value with spaces or '=' stays one argv element", "[unit][runbook]") {
  runbook rb;
  rb.name = "note";
  rb.command = {"/bin/echo", "{text}"};
  rb.params = {{"text", "^[a-z =]+$"}};
  auto r = argv(rb, {"text=a b = c"});
  REQUIRE(r.ok());
  CHECK(*r == std::vector<std::string>{"/bin/echo", "a b = c"});
}

TEST_CASE("runbook arguments: a missing required parameter is refused with the right form",
          "[unit][runbook]") {
  auto r = argv(restart_api(), {"env=prod"});
  CHECK(r.err().field == "region");
  CHECK(message(r) ==
        "Runbook 'restart-api' needs region (matching ^[a-z]{2}-[a-z]+-[0-9]$); "
        "the form is /oncall run restart-api [env=staging] region=….");
}

TEST_CASE("runbook arguments: an unknown key is refused, with a suggestion when it is a typo",
          "[unit][runbook]") {
  CHECK(message(argv(restart_api(), {"evn=prod", "region=eu-west-1"})) ==
        "Runbook 'restart-api' has no parameter 'evn'; did you mean 'env'?");
  CHECK_THAT(message(argv(restart_api(), {"--env=prod"})),
             Catch::Contains("has no parameter '--env'"));
  CHECK_THAT(message(argv(restart_api(), {"env;rm=x"})),
             Catch::Contains("has no parameter 'env;rm'"));
  CHECK_THAT(message(argv(restart_api(), {"colour=red"})),
             Catch::Contains("its form is /oncall run restart-api [env=staging] region=…"));
  runbook plain;
  plain.name = "uptime";
  plain.command = {"/usr/bin/uptime"};
  CHECK(message(argv(plain, {"x=1"})) ==
        "Runbook 'uptime' takes no parameters; run it as /oncall run uptime.");
}

TEST_CASE("runbook arguments: tokens that are not key=value, and repeated keys, are refused",
          "[unit][runbook]") {
  CHECK_THAT(message(argv(restart_api(), {"prod"})),
             Catch::StartsWith("'prod' is not a key=value argument"));
  CHECK_THAT(message(argv(restart_api(), {"=prod"})),
             Catch::StartsWith("'=prod' is not a key=value argument"));
  auto twice = argv(restart_api(), {"env=prod", "env=staging", "region=eu-west-1"});
  CHECK(message(twice) == "env is given twice; give it once.");
  CHECK(twice.err().field == "env");
}

TEST_CASE("runbook arguments: a value that breaks its rules is refused naming the parameter",
          "[unit][runbook]") {
  auto r = argv(restart_api(), {"env=prd", "region=eu-west-1"});
  CHECK(r.err().field == "env");
  CHECK(message(r) ==
        "Parameter 'env' refused: 'prd' does not match its pattern "
        "^(staging|prod)$. Give a value that matches (for example staging).");
}

TEST_CASE("runbook arguments: the pattern must match the whole value, even unanchored",
          "[unit][runbook]") {
  runbook rb;
  rb.name = "svc";
  rb.command = {"/bin/echo", "{name}"};
  rb.params = {{"name", "api|web"}};
  CHECK(argv(rb, {"name=api"}).ok());
  CHECK_FALSE(argv(rb, {"name=api;reboot"}).ok());
  CHECK_FALSE(argv(rb, {"name=xapi"}).ok());
}

TEST_CASE("runbook arguments: a parameter's own max_length replaces the 256 default",
          "[unit][runbook]") {
  runbook rb;
  rb.name = "svc";
  rb.command = {"/bin/echo", "{v}"};
  rb.params = {{"v", "^a*$"}};
  CHECK(argv(rb, {"v=" + std::string(256, 'a')}).ok());
  CHECK_THAT(message(argv(rb, {"v=" + std::string(257, 'a')})),
             Catch::Contains("is 257 bytes long; the limit is 256"));
  rb.params[0].max_length = 8;
  CHECK(argv(rb, {"v=aaaaaaaa"}).ok());
  CHECK_THAT(message(argv(rb, {"v=aaaaaaaaa"})), Catch::Contains("the limit is 8"));
}

TEST_CASE("runbook argv: a command template that is not whole-element placeholders is refused",
          "[unit][runbook]") {
  runbook rb = restart_api();
  rb.command = {"/bin/echo", "--env={env}", "{region}"};
  CHECK_THAT(message(argv(rb, {"region=eu-west-1"})),
             Catch::Contains("element 2 of its command mixes {env} with other text"));
  rb.command = {"{env}", "{region}"};
  CHECK_THAT(message(argv(rb, {"region=eu-west-1"})),
             Catch::Contains("is the program, which may not be a parameter"));
  rb.command = {"/bin/echo", "{nope}", "{env}", "{region}"};
  CHECK_THAT(message(argv(rb, {"region=eu-west-1"})), Catch::Contains("names no parameter"));
  rb.command = {"/usr/bin/find", ".", "-exec", "{}", ";", "{env}", "{region}"};
  CHECK(argv(rb, {"region=eu-west-1"}).ok());  // "{}" is text, as check-config reads it
}

TEST_CASE("runbook roles: a caller without the role is refused, saying which role is missing",
          "[unit][runbook]") {
  const runbook rb = restart_api();
  const std::vector<std::string> responder = {"responder"};
  const std::vector<std::string> operator_roles = {"responder", "operator"};
  CHECK_FALSE(may_run(rb, responder));
  CHECK(may_run(rb, operator_roles));
  auto refused = check_may_run(rb, "bob", responder);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.err().message ==
        "bob may not run 'restart-api': it needs the role operator, and bob has responder. Ask "
        "someone with that role to run it, or an admin to add the role under people:.");
  CHECK_THAT(check_may_run(rb, "eve", {}).err().message, Catch::Contains("eve has none"));
  CHECK(check_may_run(rb, "alice", operator_roles).ok());
}

TEST_CASE("runbook roles: /oncall runbooks lists only what the caller may run", "[unit][runbook]") {
  runbook open;
  open.name = "uptime";
  open.command = {"/usr/bin/uptime"};
  runbook admin = restart_api();
  admin.name = "drop-cache";
  admin.roles = {"admin", "sre"};
  const std::vector<runbook> all = {restart_api(), open, admin};
  const std::vector<std::string> sre = {"sre"};
  auto names = [](const std::vector<const runbook*>& list) {
    std::vector<std::string> out;
    for (auto* rb : list) out.push_back(rb->name);
    return out;
  };
  CHECK(names(runnable_runbooks(all, sre)) == std::vector<std::string>{"uptime", "drop-cache"});
  CHECK(names(runnable_runbooks(all, {})) == std::vector<std::string>{"uptime"});
  CHECK_THAT(check_may_run(admin, "bob", {}).err().message,
             Catch::Contains("needs the roles admin, sre (any one)"));
}
