// Helpers shared by the config loader tests: a fixed environment, a minimal chat section, and
// assertions on the errors check-config would print.
#pragma once

#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "config/loader.hpp"

namespace oncall::test {

// A fixed environment, so tests never see the developer's variables.
inline env_lookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

// The smallest valid chat section, appended after the part under test so that the YAML in
// each test starts at line 1.
inline const std::string chat_tail =
    "chat:\n"
    "  platform: slack\n"
    "  alerts_channel: alerts\n"
    "  slack: {app_token: xapp-1, bot_token: xoxb-1}\n";

inline config_load_result load(const std::string& yaml,
                               std::map<std::string, std::string> vars = {}) {
  return load_config_string(yaml + chat_tail, env_of(std::move(vars)));
}

inline std::string all_messages(const config_load_result& r) {
  std::string out;
  for (const auto& e : r.errors) out += format_config_error("test.yaml", e) + "\n";
  return out;
}

// Exactly one error, at `line` and `path`; returns it for checks on the message.
inline config_error only_error(const config_load_result& r, int line, const std::string& path) {
  INFO(all_messages(r));
  REQUIRE(r.errors.size() == 1);
  CHECK_FALSE(r.cfg);
  CHECK(r.errors[0].line == line);
  CHECK(r.errors[0].path == path);
  return r.errors[0];
}

// Lines 1-3.
inline const std::string two_people =
    "people:\n"
    "  - {name: alice}\n"
    "  - {name: bob}\n";

}  // namespace oncall::test
