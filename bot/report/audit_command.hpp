// `oncallbot audit`: the runbook audit log — every run request, refusal, confirmation, start
// and end as the run records hold them, one line per run.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/runbook_run.hpp"

namespace oncall {

struct audit_request {
  std::string config_file;
  std::string incident;  // "42" or "#42"; empty: every run
};

// One line: time, run id, who, runbook, incident, state, exit code (or signal), output bytes,
// argv, and the reason for refusals and errors.
std::string format_audit_line(const runbook_run& run);

// Writes the log to `out` and problems to `err`; returns the exit code (0 ok, 1 storage
// unreadable, 2 bad arguments or config).
int show_audit(const audit_request& request, std::ostream& out, std::ostream& err);

}  // namespace oncall
