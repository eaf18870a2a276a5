// Who may run a runbook: a caller holding any one of the runbook's roles. A runbook without
// roles is open to every person listed under people: (the chat layer refuses strangers before
// it gets here), because check-config cannot tell "forgot roles" from "everyone may".
#pragma once

#include <span>
#include <string>
#include <vector>

#include "bot/core/result.hpp"
#include "config/config.hpp"

namespace oncall {

bool may_run(const runbook& rb, std::span<const std::string> caller_roles);

// ok, or an error saying which role is missing and who can help.
status check_may_run(const runbook& rb, const std::string& caller,
                     std::span<const std::string> caller_roles);

// The runbooks `caller_roles` may run, in config order (for /oncall runbooks).
std::vector<const runbook*> runnable_runbooks(const std::vector<runbook>& all,
                                              std::span<const std::string> caller_roles);

}  // namespace oncall
