// Loading oncallbot.yaml (SPEC §2) into oncall::config: parse, substitute ${ENV}, validate, and
// report every problem with its line and key path, so check-config and SIGHUP reloads can show
// the whole list at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "config/env_substitution.hpp"

namespace oncall {

struct config_error {
  int line = 0;         // 1-based; 0 when unknown
  std::string path;     // "schedules[0].members[2]"; empty for whole-file problems
  std::string message;  // names the problem and the fix; never contains a secret
  bool operator==(const config_error&) const = default;
};

struct config_load_result {
  std::optional<config> cfg;         // set exactly when `errors` is empty
  std::vector<config_error> errors;  // in line order
};

// `env` resolves ${NAME}; an empty function means the process environment.
config_load_result load_config_file(const std::string& path, env_lookup env = {});
config_load_result load_config_string(const std::string& yaml, env_lookup env = {});

// "oncallbot.yaml:12: schedules[0].shift: '7x' is not a duration; write it like 30s, 5m, 2h or 7d"
std::string format_config_error(const std::string& file, const config_error& e);

// One line for check-config: "ok: slack, 3 people, 2 schedules, 1 escalation policy, 2 routes,
// 1 runbook, storage sqlite:oncallbot.db" (a password in a storage URL is masked).
std::string config_summary(const config& cfg);

}  // namespace oncall
