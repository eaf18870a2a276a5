// Role: a token bucket per key (chat.postMessage: one bucket per channel). Pure: the caller
// passes the time.
#pragma once

#include <chrono>
#include <map>
#include <string>

namespace chatsim {

class token_bucket_limiter {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  token_bucket_limiter(double per_second, int burst) : rate_(per_second), burst_(burst) {}

  // 0 when a token was taken; otherwise the whole seconds until one is available (>= 1).
  int acquire(const std::string& key, time_point now);

 private:
  struct bucket {
    double tokens;
    time_point updated;
  };
  double rate_;
  int burst_;
  std::map<std::string, bucket> buckets_;
};

}  // namespace chatsim
