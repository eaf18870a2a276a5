// The small pure pieces of the config loader: ${ENV} substitution, key suggestions, sizes and
// secret detection.
#include <catch2/catch.hpp>

#include "config/env_substitution.hpp"
#include "config/key_suggestion.hpp"
#include "config/yaml_reader.hpp"
#include "config_test_support.hpp"

using oncall::test::env_of;

TEST_CASE("substitution replaces several variables and leaves a lone $", "[unit][config]") {
  auto env = env_of({{"A", "1"}, {"B", ""}});
  auto out = oncall::substitute_env("$5 ${A}-${B}-${B:-b}-${C:-c d}", env);
  REQUIRE(out);
  CHECK(*out == "$5 1--b-c d");
}

TEST_CASE("substitution refuses an unclosed ${ and a bad name", "[unit][config]") {
  auto env = env_of({});
  auto unclosed = oncall::substitute_env("xoxb-${TOKEN", env);
  REQUIRE_FALSE(unclosed);
  CHECK(unclosed.err().message ==
        "the value has a '${' without its closing '}'; write ${NAME} or ${NAME:-default}");
  auto bad = oncall::substitute_env("${1X}", env);
  REQUIRE_FALSE(bad);
  CHECK(bad.err().message ==
        "'${1X}' is not a valid variable name; use letters, digits and _ (not starting with a "
        "digit), optionally ${NAME:-default}");
}

TEST_CASE("key suggestions catch swaps and small slips but not unrelated words", "[unit][config]") {
  constexpr std::string_view keys[] = {"shift", "start", "members", "timezone"};
  CHECK(oncall::closest_key("shfit", keys) == "shift");
  CHECK(oncall::closest_key("member", keys) == "members");
  CHECK(oncall::closest_key("time_zone", keys) == "timezone");
  CHECK_FALSE(oncall::closest_key("foo", keys));
  CHECK(oncall::edit_distance("abc", "acb") == 1);
}

TEST_CASE("sizes are bytes with binary K, M and G units", "[unit][config]") {
  CHECK(oncall::parse_size("2048") == 2048u);
  CHECK(oncall::parse_size("512KB") == 512u * 1024);
  CHECK(oncall::parse_size("16MB") == 16u * 1024 * 1024);
  CHECK(oncall::parse_size("16 MiB") == 16u * 1024 * 1024);
  CHECK(oncall::parse_size("1gb") == 1024u * 1024 * 1024);
  CHECK_FALSE(oncall::parse_size("MB"));
  CHECK_FALSE(oncall::parse_size("16TB"));
  CHECK_FALSE(oncall::parse_size("-1"));
}

TEST_CASE("keys naming tokens, secrets, passwords and keys are secret", "[unit][config]") {
  CHECK(oncall::is_secret_path("chat.slack.bot_token"));
  CHECK(oncall::is_secret_path("http.webhook_tokens[2]"));
  CHECK(oncall::is_secret_path("chat.slack.signing_secret"));
  CHECK(oncall::is_secret_path("notifiers[0].routing_key"));
  CHECK_FALSE(oncall::is_secret_path("chat.slack.api_url"));
  CHECK(oncall::shown("tracker.token", "abc") == "the value");
  CHECK(oncall::shown("tracker.url", "abc") == "'abc'");
}
