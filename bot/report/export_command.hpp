// `oncallbot export`: the postmortem draft of one incident, to stdout or a file, read from the
// storage without creating it (so it works while the bot runs, and on a copy).
#pragma once

#include <iosfwd>
#include <string>

namespace oncall {

struct export_request {
  std::string config_file;
  std::string incident;  // "42" or "#42"
  std::string format = "md";  // md | json
  std::string out;            // empty: stdout
};

// Returns the exit code: 0 written, 1 storage or file unreadable/unwritable, 2 bad arguments,
// bad config or no such incident.
int export_postmortem(const export_request& request, std::ostream& out, std::ostream& err);

}  // namespace oncall
