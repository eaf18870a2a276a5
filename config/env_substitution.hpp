// ${NAME} and ${NAME:-default} in config values (SPEC §2). Pure: the environment is a lookup
// function, so tests and SIGHUP reloads see exactly the variables they are given.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "bot/core/result.hpp"

namespace oncall {

using env_lookup = std::function<std::optional<std::string>(const std::string&)>;

// The process environment (getenv).
env_lookup process_env();

// Replaces every ${NAME} in `text` by NAME's value and every ${NAME:-default} by the value, or
// by `default` when NAME is unset or empty. A lone '$' stays as it is. The error message names
// the variable but never the surrounding text, which may be a secret.
result<std::string> substitute_env(std::string_view text, const env_lookup& env);

}  // namespace oncall
