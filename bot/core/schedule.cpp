// Rotation arithmetic. Shifts of an hour or more are counted in the schedule's local wall-clock
// time, so a weekly 09:00 handoff stays at 09:00 across daylight-saving changes; shorter shifts
// (tests use seconds) are counted in absolute time.
#include "bot/core/schedule.hpp"

#include <date/tz.h>

#include <algorithm>

namespace oncall {

namespace {

// Bounds the work on absurd ranges (a 10s shift over years); a report over such a range is cut.
constexpr long long max_boundaries = 2'000'000;

const date::time_zone* zone_of(const schedule& s) {
  try {
    return date::locate_zone(s.timezone.empty() ? "UTC" : s.timezone);
  } catch (const std::exception&) {
    return nullptr;  // config validation rejects unknown zones; count in absolute time then
  }
}

bool counts_wall_clock(const schedule& s) { return s.shift >= std::chrono::hours(1); }

// Whole shifts elapsed from start to t, by the wall clock of the schedule's zone when it can be
// found.
long long shifts_elapsed(const schedule& s, time_point t) {
  const date::time_zone* zone = counts_wall_clock(s) ? zone_of(s) : nullptr;
  duration elapsed = t - s.start;
  if (zone) {
    elapsed = std::chrono::duration_cast<duration>(zone->to_local(t) - zone->to_local(s.start));
  }
  auto k = elapsed / s.shift;
  if (elapsed.count() < 0 && elapsed % s.shift != duration{0}) --k;
  return k;
}

// The instant the k-th shift begins (k = 0 is the rotation's start).
time_point rotation_boundary(const schedule& s, long long k) {
  const date::time_zone* zone = counts_wall_clock(s) ? zone_of(s) : nullptr;
  if (!zone) return s.start + s.shift * k;
  auto local = zone->to_local(s.start) + s.shift * k;
  // A wall-clock time skipped or repeated by a DST change resolves to its earliest instant.
  return std::chrono::time_point_cast<duration>(zone->to_sys(local, date::choose::earliest));
}

bool rotates(const schedule& s) { return s.shift.count() > 0 && !s.members.empty(); }

// The first rotation boundary strictly after t.
time_point next_rotation_boundary(const schedule& s, time_point t) {
  if (t < s.start) return s.start;
  auto k = shifts_elapsed(s, t) + 1;
  auto b = rotation_boundary(s, k);
  while (b <= t) b = rotation_boundary(s, ++k);  // DST rounding may land on or before t
  return b;
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

bool overridden_at(const schedule& s, time_point t) {
  return std::any_of(s.overrides.begin(), s.overrides.end(),
                     [&](const schedule_override& o) { return o.from <= t && t < o.to; });
}

schedule with_overrides(schedule s, const std::vector<stored_override>& from_chat) {
  std::vector<schedule_override> merged;
  // Newest first: on_call_at takes the first override that covers an instant.
  for (auto it = from_chat.rbegin(); it != from_chat.rend(); ++it) {
    if (it->schedule == s.name) merged.push_back({it->person, it->from, it->to});
  }
  merged.insert(merged.end(), s.overrides.begin(), s.overrides.end());
  s.overrides = std::move(merged);
  return s;
}

std::vector<on_call_segment> on_call_segments(const schedule& s, time_point from, time_point to) {
  std::vector<time_point> cuts = {from, to};
  for (const auto& o : s.overrides) {
    for (auto edge : {o.from, o.to}) {
      if (from < edge && edge < to) cuts.push_back(edge);
    }
  }
  if (rotates(s)) {
    auto b = next_rotation_boundary(s, from);
    for (long long n = 0; b < to && n < max_boundaries; ++n) {
      cuts.push_back(b);
      b = next_rotation_boundary(s, b);
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<on_call_segment> out;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    auto person = on_call_at(s, cuts[i]);
    if (!out.empty() && out.back().person == person) {
      out.back().to = cuts[i + 1];
    } else {
      out.push_back({person, cuts[i], cuts[i + 1]});
    }
  }
  return out;
}

time_point next_change(const schedule& s, time_point t) {
  const auto who = on_call_at(s, t);
  auto candidate = t;
  // Each step moves to the next rotation boundary or override edge; bounded by the number of
  // members and overrides, after which nothing new can come.
  const std::size_t steps = s.members.size() + 2 * s.overrides.size() + 2;
  for (std::size_t i = 0; i < steps; ++i) {
    std::optional<time_point> next;
    if (rotates(s)) next = next_rotation_boundary(s, candidate);
    for (const auto& o : s.overrides) {
      for (auto edge : {o.from, o.to}) {
        if (edge > candidate && (!next || edge < *next)) next = edge;
      }
    }
    if (!next) return t;
    candidate = *next;
    if (on_call_at(s, candidate) != who) return candidate;
  }
  return t;
}

time_point current_stretch_start(const schedule& s, time_point t, duration horizon) {
  auto segments = on_call_segments(s, t - horizon, t + duration{1});
  auto from = segments.empty() ? t : segments.back().from;
  // The rotation's start is a handoff even when the first member also held the time before it.
  if (from < s.start && s.start <= t) from = s.start;
  return from;
}

}  // namespace oncall
