// The flapping rule over a sliding window, per incident key.
#include "bot/core/flapping.hpp"

namespace oncall {

bool flap_detector::change(const std::string& key, time_point now) {
  for (auto it = recent_.begin(); it != recent_.end();) {
    auto& times = it->second;
    while (!times.empty() && now - times.front() >= rule_.window) times.pop_front();
    it = times.empty() && it->first != key ? recent_.erase(it) : std::next(it);
  }
  auto& times = recent_[key];
  times.push_back(now);
  while (static_cast<int>(times.size()) > rule_.changes) times.pop_front();
  return static_cast<int>(times.size()) >= rule_.changes;
}

}  // namespace oncall
