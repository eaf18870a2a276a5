// What a finished runbook run reports: how it ended, how long it took, and its capped output.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "bot/core/time.hpp"

namespace oncall {

struct run_outcome {
  std::optional<int> exit_code;  // when the process exited
  std::optional<int> signal;     // when a signal ended it (SIGTERM/SIGKILL after a timeout)
  bool timed_out = false;        // the runner killed it at the runbook's timeout
  duration elapsed{0};
  std::string output;              // merged stdout+stderr, capped (capped_output::text)
  std::uint64_t output_bytes = 0;  // everything the process wrote
  std::uint64_t cut_bytes = 0;     // of which not in `output`

  bool succeeded() const { return !timed_out && exit_code == 0; }
  // One line for chat and the audit log: "exit 0 after 2s", "killed by SIGKILL at the 1m
  // timeout after 1m5s".
  std::string summary(duration timeout) const;
};

// Partial output while a run goes on, for the room's message that is updated in place.
struct run_progress {
  std::string output;  // capped, as in run_outcome
  std::uint64_t output_bytes = 0;
  duration elapsed{0};
};

}  // namespace oncall
