// The rules one parameter value must pass before it may become an argv element (SPEC §5).
#pragma once

#include <string_view>

#include "bot/core/result.hpp"
#include "config/config.hpp"

namespace oncall {

// ok, or an error naming the parameter (error.field) and what to give instead. Checked in an
// order that keeps the regular expression away from hostile input: length first, then the
// characters, then the leading dash, and only then the parameter's pattern (a full match).
status check_value(const runbook_param& param, std::string_view value);

}  // namespace oncall
