// Text forms of a run's outcome.
#include "bot/runbook/run_outcome.hpp"

#include <string.h>

namespace oncall {

namespace {

std::string signal_name(int sig) {
  const char* abbrev = ::sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

// "2s" reads better than "2000ms"; below a second, milliseconds are what matters.
std::string readable(duration d) {
  if (d < std::chrono::seconds(1)) return std::to_string(d.count()) + "ms";
  return format_duration(std::chrono::duration_cast<std::chrono::seconds>(d));
}

}  // namespace

std::string run_outcome::summary(duration timeout) const {
  std::string how;
  if (signal) {
    how = "killed by " + signal_name(*signal);
  } else if (exit_code) {
    how = "exit " + std::to_string(*exit_code);
  } else {
    how = "ended (status unknown)";
  }
  if (timed_out) how += " at the " + readable(timeout) + " timeout";
  return how + " after " + readable(elapsed);
}

}  // namespace oncall
