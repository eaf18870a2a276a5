// Local wall-clock buckets: the edges are the local times 00:00, 07:00, 09:00, 18:00 and 22:00,
// so an interval is cut at those edges and each piece takes the bucket of its start.
#include "bot/report/hour_buckets.hpp"

#include <date/tz.h>

#include <algorithm>

namespace oncall {

namespace {

using std::chrono::hours;

bool is_weekend(date::weekday d) {
  return d == date::Saturday || d == date::Sunday;
}

// The first instant after `t` at which the local clock of `zone` reaches a bucket edge.
time_point next_edge(const date::time_zone& zone, time_point t) {
  const auto local = zone.to_local(t);
  const auto day = date::floor<date::days>(local);
  for (auto edge : {hours(7), hours(9), hours(18), hours(22), hours(24)}) {
    const auto wall = day + edge;
    if (wall <= local) continue;
    // An edge the clocks skip resolves to the change itself; one they repeat counts at its
    // first occurrence, or its second once the first has passed (after the clocks went back).
    for (auto choice : {date::choose::earliest, date::choose::latest}) {
      auto at = std::chrono::time_point_cast<duration>(zone.to_sys(wall, choice));
      if (at > t) return at;
    }
  }
  // Unreachable with real zones (the next midnight is always ahead); guards against a loop.
  return t + hours(1);
}

}  // namespace

duration& bucket_hours::operator[](hour_bucket b) {
  switch (b) {
    case hour_bucket::business:
      return business;
    case hour_bucket::other:
      return other;
    case hour_bucket::night:
      return night;
    case hour_bucket::weekend:
      break;
  }
  return weekend;
}

bucket_hours& bucket_hours::operator+=(const bucket_hours& more) {
  business += more.business;
  other += more.other;
  night += more.night;
  weekend += more.weekend;
  return *this;
}

int& bucket_pages::operator[](hour_bucket b) {
  switch (b) {
    case hour_bucket::business:
      return business;
    case hour_bucket::other:
      return other;
    case hour_bucket::night:
      return night;
    case hour_bucket::weekend:
      break;
  }
  return weekend;
}

hour_bucket bucket_of(date::local_time<duration> local) {
  const auto day = date::floor<date::days>(local);
  if (is_weekend(date::weekday{day})) return hour_bucket::weekend;
  const auto clock = local - day;
  if (clock < hours(7) || clock >= hours(22)) return hour_bucket::night;
  if (clock >= hours(9) && clock < hours(18)) return hour_bucket::business;
  return hour_bucket::other;
}

hour_bucket bucket_at(const date::time_zone& zone, time_point t) {
  return bucket_of(zone.to_local(t));
}

bucket_hours split_hours(const date::time_zone& zone, time_point from, time_point to) {
  bucket_hours out;
  for (auto t = from; t < to;) {
    const auto end = std::min(to, next_edge(zone, t));
    out[bucket_at(zone, t)] += end - t;
    t = end;
  }
  return out;
}

const date::time_zone& zone_named(const std::string& name) {
  try {
    if (!name.empty()) return *date::locate_zone(name);
  } catch (const std::exception&) {
    // fall through to UTC
  }
  return *date::locate_zone("UTC");
}

}  // namespace oncall
