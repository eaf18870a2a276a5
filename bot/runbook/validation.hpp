// From `/oncall run NAME key=value …` to the argv that will run. This is the boundary between
// text typed in chat and a process: every value is checked (value_rules) and becomes exactly
// one argv element, in the place the runbook's template says; nothing is split, joined or
// interpreted by a shell.
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "bot/core/result.hpp"
#include "config/config.hpp"

namespace oncall {

// key=value pairs in the order they were given.
using runbook_arguments = std::vector<std::pair<std::string, std::string>>;

// Splits "key=value" tokens (as the chat command parser produced them, quotes already
// removed) at the first '='. Refuses tokens without '=', keys that are not parameters of
// `rb` (with a "did you mean"), and keys given twice.
result<runbook_arguments> parse_arguments(const runbook& rb, std::span<const std::string> tokens);

// The final argv: `rb.command` with each "{param}" element replaced by the given value or the
// default. Refuses missing required parameters, unknown keys and values that break the rules;
// also refuses a command template that is not whole-element placeholders (check-config
// refuses those already; this guards runbooks built elsewhere).
result<std::vector<std::string>> build_argv(const runbook& rb, const runbook_arguments& given);

// parse_arguments, then build_argv.
result<std::vector<std::string>> argv_for(const runbook& rb, std::span<const std::string> tokens);

}  // namespace oncall
