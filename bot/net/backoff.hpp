// Reconnect delays: exponential with full jitter, reset after a healthy connection. Pure, so
// tests check the sequence without sockets.
#pragma once

#include <algorithm>
#include <random>

#include "bot/core/time.hpp"

namespace oncall {

class backoff {
 public:
  backoff(duration base, duration cap) : base_(base), cap_(cap) {}

  // The next delay: uniform in [ceiling/2, ceiling], the ceiling doubling per failure up to cap.
  template <typename Rng>
  duration next(Rng& rng) {
    duration ceiling = std::min<duration>(cap_, base_ * (std::int64_t{1} << std::min(failures_, 20)));
    ++failures_;
    std::uniform_int_distribution<long long> pick(ceiling.count() / 2, ceiling.count());
    return duration{pick(rng)};
  }
  void reset() { failures_ = 0; }
  int failures() const { return failures_; }

 private:
  duration base_;
  duration cap_;
  int failures_ = 0;
};

}  // namespace oncall
