// The one source of "now" in oncallbot. Production uses the system clock; tests drive a
// manual clock, so time-dependent rules run over months of simulated time in milliseconds.
#pragma once

#include "bot/core/time.hpp"

namespace oncall {

class clock_source {
 public:
  virtual ~clock_source() = default;
  virtual time_point now() const = 0;
};

class system_clock_source final : public clock_source {
 public:
  time_point now() const override {
    return std::chrono::time_point_cast<duration>(std::chrono::system_clock::now());
  }
};

class manual_clock final : public clock_source {
 public:
  explicit manual_clock(time_point start) : now_(start) {}
  time_point now() const override { return now_; }
  void advance(duration d) { now_ += d; }
  void set(time_point t) { now_ = t; }

 private:
  time_point now_;
};

}  // namespace oncall
