// One request to run a runbook, from `/oncall run` to its end: the run record the runbook
// service carries out and, kept forever, the audit log (`oncallbot audit`). Refusals are
// records too, so the log shows who tried what.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bot/core/time.hpp"

namespace oncall {

// The states a run goes through. awaiting_confirmation → approved → running → succeeded |
// failed | error; awaiting_confirmation → expired; refused is final at once; a run found
// running (or approved, never started) when the bot starts is interrupted, never re-run.
namespace run_state {
inline constexpr std::string_view refused = "refused";
inline constexpr std::string_view awaiting_confirmation = "awaiting_confirmation";
inline constexpr std::string_view approved = "approved";
inline constexpr std::string_view running = "running";
inline constexpr std::string_view succeeded = "succeeded";
inline constexpr std::string_view failed = "failed";
inline constexpr std::string_view error = "error";  // could not start
inline constexpr std::string_view expired = "expired";
inline constexpr std::string_view interrupted = "interrupted";
}  // namespace run_state

struct runbook_run {
  std::int64_t id = 0;
  std::string runbook;
  std::vector<std::string> argv;                            // empty when refused before it was built
  std::vector<std::pair<std::string, std::string>> params;  // key=value as typed
  std::string requested_by;                                 // person name (or chat user when unknown)
  std::int64_t incident_id = 0;                             // 0: no incident
  std::string channel;                                      // where it was requested
  std::string state;
  time_point requested_at;
  std::optional<time_point> expires_at;  // of the confirmation
  std::optional<time_point> started_at;
  std::optional<time_point> ended_at;
  std::optional<int> exit_code;
  std::optional<int> signal;
  bool timed_out = false;
  std::int64_t output_bytes = 0;
  std::string output;  // capped
  std::string error;   // why it was refused or could not start
  bool operator==(const runbook_run&) const = default;
};

}  // namespace oncall
