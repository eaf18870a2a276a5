// Role: implementation of the token bucket limiter.
#include "rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace chatsim {

int token_bucket_limiter::acquire(const std::string& key, time_point now) {
  auto [it, fresh] = buckets_.try_emplace(key, bucket{static_cast<double>(burst_), now});
  bucket& b = it->second;
  double elapsed = std::chrono::duration<double>(now - b.updated).count();
  b.tokens = std::min<double>(burst_, b.tokens + elapsed * rate_);
  b.updated = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  return std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / rate_)));
}

}  // namespace chatsim
