// Signalling and reaping a runbook's process group. The group id is the leader's pid, and it
// stays reserved while the leader is an unreaped zombie, so the group is always signalled
// before the leader is reaped: never a recycled pid.
#pragma once

#include <sys/types.h>

#include <optional>

namespace oncall {

struct exit_status {
  std::optional<int> code;    // when the process exited
  std::optional<int> signal;  // when a signal ended it
  bool operator==(const exit_status&) const = default;
};

// Sends `sig` to every process in the group `leader` leads (ESRCH, nothing left, is fine).
void signal_group(pid_t leader, int sig);

// Whether the leader has ended (a zombie waiting to be reaped), without reaping it.
bool has_exited(pid_t leader);

// Kills whatever the leader left running in its group (SIGKILL: the run is over, stragglers
// must not outlive it) and reaps the leader. Blocks only until the leader is gone, so call it
// after has_exited, or after SIGKILL.
exit_status reap_group(pid_t leader);

}  // namespace oncall
