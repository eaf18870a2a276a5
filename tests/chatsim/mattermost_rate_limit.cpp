// Role: implementation of the GCRA limiter (throttled's RateLimit, quantity 1).
#include "mattermost_rate_limit.hpp"

#include <algorithm>
#include <cmath>

namespace chatsim {
namespace {

int ceil_seconds(std::chrono::nanoseconds d) {
  return static_cast<int>(std::ceil(std::chrono::duration<double>(d).count()));
}

}  // namespace

mm_rate_limiter::mm_rate_limiter(int per_second, int burst)
    : emission_interval_(std::chrono::nanoseconds(1000000000LL / std::max(1, per_second))),
      tolerance_(emission_interval_ * (std::max(0, burst) + 1)),
      limit_(std::max(0, burst) + 1) {}

mm_limit_result mm_rate_limiter::take(const std::string& key, time_point now) {
  auto [it, fresh] = theoretical_arrival_.try_emplace(key, now);
  time_point tat = std::max(it->second, now);
  time_point new_tat = tat + emission_interval_;
  time_point allow_at = new_tat - tolerance_;
  mm_limit_result result;
  result.limit = limit_;
  std::chrono::nanoseconds ttl;
  if (now < allow_at) {
    result.limited = true;
    result.retry_after = ceil_seconds(allow_at - now);
    ttl = tat - now;
  } else {
    it->second = new_tat;
    ttl = new_tat - now;
  }
  auto next = tolerance_ - ttl;
  result.remaining = next > -emission_interval_ ? static_cast<int>(next / emission_interval_) : 0;
  result.reset_after = ceil_seconds(ttl);
  return result;
}

}  // namespace chatsim
