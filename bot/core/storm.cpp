// The storm threshold over a sliding window, per channel.
#include "bot/core/storm.hpp"

namespace oncall {

bool storm_detector::opening(const std::string& channel, time_point now) {
  for (auto it = recent_.begin(); it != recent_.end();) {
    auto& times = it->second;
    while (!times.empty() && now - times.front() >= rule_.window) times.pop_front();
    it = times.empty() && it->first != channel ? recent_.erase(it) : std::next(it);
  }
  auto& times = recent_[channel];
  times.push_back(now);
  // Only "more than threshold" matters: older times beyond that need not be kept.
  while (static_cast<int>(times.size()) > rule_.threshold + 1) times.pop_front();
  return static_cast<int>(times.size()) > rule_.threshold;
}

}  // namespace oncall
