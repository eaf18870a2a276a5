// Role: one-line diagnostics on stderr. Callers pass methods and paths, never tokens.
#pragma once

#include <exception>
#include <string>
#include <string_view>

namespace chatsim {

void log_line(std::string_view text);

// Completion handler for co_spawn: a fire-and-forget task that fails says so on stderr.
inline auto log_failure(std::string what) {
  return [what = std::move(what)](std::exception_ptr error) {
    if (!error) return;
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      log_line(what + " failed: " + e.what());
    } catch (...) {
      log_line(what + " failed");
    }
  };
}

}  // namespace chatsim
