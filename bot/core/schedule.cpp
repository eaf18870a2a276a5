// Rotation arithmetic. Shifts of an hour or more are counted in the schedule's local wall-clock
// time, so a weekly 09:00 handoff stays at 09:00 across daylight-saving changes; shorter shifts
// (tests use seconds) are counted in absolute time.
#include "bot/core/schedule.hpp"

#include <date/tz.h>

namespace oncall {

namespace {

// Whole shifts elapsed from start to t, by the wall clock of `zone` when it can be found.
long long shifts_elapsed(const schedule& s, time_point t) {
  if (s.shift < std::chrono::hours(1)) return (t - s.start) / s.shift;
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(s.timezone.empty() ? "UTC" : s.timezone);
  } catch (const std::exception&) {
    return (t - s.start) / s.shift;  // config validation rejects unknown zones; be safe anyway
  }
  auto local_start = zone->to_local(s.start);
  auto local_t = zone->to_local(t);
  auto elapsed = std::chrono::duration_cast<duration>(local_t - local_start);
  auto k = elapsed / s.shift;
  if (elapsed.count() < 0 && elapsed % s.shift != duration{0}) --k;
  return k;
}

}  // namespace

std::string on_call_at(const schedule& s, time_point t) {
  for (const auto& o : s.overrides) {
    if (o.from <= t && t < o.to) return o.person;
  }
  if (s.members.empty()) return {};
  if (t < s.start || s.shift.count() <= 0) return s.members.front();
  auto k = std::max(0LL, shifts_elapsed(s, t));
  return s.members[static_cast<std::size_t>(k % static_cast<long long>(s.members.size()))];
}

}  // namespace oncall
