// Process group signals and waitid/waitpid for runbooks.
#include "bot/runbook/process_group.hpp"

#include <signal.h>
#include <sys/wait.h>

#include <cerrno>

namespace oncall {

void signal_group(pid_t leader, int sig) {
  if (leader > 0) ::kill(-leader, sig);
}

bool has_exited(pid_t leader) {
  siginfo_t info{};
  // WNOWAIT leaves the zombie in place, which keeps the group id from being reused.
  if (::waitid(P_PID, static_cast<id_t>(leader), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    return errno == ECHILD;  // already reaped by someone else: nothing to wait for
  }
  return info.si_pid == leader;
}

exit_status reap_group(pid_t leader) {
  signal_group(leader, SIGKILL);
  int raw = 0;
  pid_t got;
  do {
    got = ::waitpid(leader, &raw, 0);
  } while (got < 0 && errno == EINTR);
  if (got != leader) return {};
  if (WIFEXITED(raw)) return {WEXITSTATUS(raw), std::nullopt};
  if (WIFSIGNALED(raw)) return {std::nullopt, WTERMSIG(raw)};
  return {};
}

}  // namespace oncall
