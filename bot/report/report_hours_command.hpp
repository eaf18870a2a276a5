// `oncallbot report hours`: the thin I/O around build_hours_report — config and storage in,
// text out.
#pragma once

#include <iosfwd>
#include <string>

namespace oncall {

struct report_hours_request {
  std::string config_file;
  std::string from;    // YYYY-MM-DD
  std::string to;      // YYYY-MM-DD, exclusive
  std::string format;  // csv | md; empty means md
};

// Writes the report to `out` and problems to `err`; returns the exit code (0 ok, 1 storage
// unreadable, 2 bad arguments or config).
int report_hours(const report_hours_request& request, std::ostream& out, std::ostream& err);

}  // namespace oncall
