// Rotation arithmetic. Shifts are fixed durations from the rotation start.
#include "bot/core/schedule.hpp"

namespace oncall {

std::string on_call_at(const schedule& s, time_point t) {
  for (const auto& o : s.overrides) {
    if (o.from <= t && t < o.to) return o.person;
  }
  if (s.members.empty()) return {};
  if (t < s.start || s.shift.count() <= 0) return s.members.front();
  auto shifts = (t - s.start) / s.shift;
  return s.members[static_cast<std::size_t>(shifts % static_cast<long long>(s.members.size()))];
}

}  // namespace oncall
