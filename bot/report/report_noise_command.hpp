// `oncallbot report noise`: the thin I/O around build_noise_report — config and storage in,
// text out.
#pragma once

#include <iosfwd>
#include <string>

namespace oncall {

struct report_noise_request {
  std::string config_file;
  std::string from;    // YYYY-MM-DD, UTC
  std::string to;      // YYYY-MM-DD, UTC, exclusive
  std::string format;  // csv | md; empty means md
};

// Writes the report to `out` and problems to `err`; returns the exit code (0 ok, 1 storage
// unreadable, 2 bad arguments or config).
int report_noise(const report_noise_request& request, std::ostream& out, std::ostream& err);

}  // namespace oncall
