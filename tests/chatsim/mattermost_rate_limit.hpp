// Role: Mattermost's rate limiter, a GCRA keyed by token as throttled implements it (per second
// rate, burst; burst + 1 requests may arrive at once). Pure: the caller passes the time.
#pragma once

#include <chrono>
#include <map>
#include <string>

namespace chatsim {

struct mm_limit_result {
  bool limited = false;
  int limit = 0;        // X-Ratelimit-Limit (burst + 1)
  int remaining = 0;    // X-Ratelimit-Remaining
  int reset_after = 0;  // X-Ratelimit-Reset, whole seconds from now (rounded up)
  int retry_after = 0;  // Retry-After when limited, whole seconds from now (rounded up)
};

class mm_rate_limiter {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  mm_rate_limiter(int per_second, int burst);
  mm_limit_result take(const std::string& key, time_point now);

 private:
  std::chrono::nanoseconds emission_interval_;
  std::chrono::nanoseconds tolerance_;  // emission interval x (burst + 1)
  int limit_;
  std::map<std::string, time_point> theoretical_arrival_;
};

}  // namespace chatsim
