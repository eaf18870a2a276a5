// Role checks for runbooks.
#include "bot/runbook/roles.hpp"

#include <algorithm>

namespace oncall {

namespace {

std::string joined(std::span<const std::string> names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

}  // namespace

bool may_run(const runbook& rb, std::span<const std::string> caller_roles) {
  if (rb.roles.empty()) return true;
  return std::any_of(rb.roles.begin(), rb.roles.end(), [&](const std::string& needed) {
    return std::find(caller_roles.begin(), caller_roles.end(), needed) != caller_roles.end();
  });
}

status check_may_run(const runbook& rb, const std::string& caller,
                     std::span<const std::string> caller_roles) {
  if (may_run(rb, caller_roles)) return ok_status();
  const bool one = rb.roles.size() == 1;
  return error{caller + " may not run '" + rb.name + "': it needs the role" + (one ? " " : "s ") +
                   joined(rb.roles) + (one ? "" : " (any one)") + ", and " + caller + " has " +
                   joined(caller_roles) +
                   ". Ask someone with that role to run it, or an admin to add the role under "
                   "people:.",
               "roles"};
}

std::vector<const runbook*> runnable_runbooks(const std::vector<runbook>& all,
                                              std::span<const std::string> caller_roles) {
  std::vector<const runbook*> out;
  for (const auto& rb : all) {
    if (may_run(rb, caller_roles)) out.push_back(&rb);
  }
  return out;
}

}  // namespace oncall
