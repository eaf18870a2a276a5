// The four kinds of on-call time an allowance is paid by — business hours, other waking hours,
// nights, weekends — told apart by a person's local wall clock.
#pragma once

#include <date/date.h>

#include <string>

#include "bot/core/time.hpp"

namespace date {
class time_zone;
}

namespace oncall {

// Saturday and Sunday (local calendar days) are weekend, whole. Monday to Friday:
// 22:00–07:00 night, 09:00–18:00 business, 07:00–09:00 and 18:00–22:00 other. So Friday
// 22:00–24:00 is night, Saturday 00:00 to Monday 00:00 weekend, Monday 00:00–07:00 night.
enum class hour_bucket { business, other, night, weekend };

// Time spent per bucket; the four parts add up to the total by construction.
struct bucket_hours {
  duration business{0};
  duration other{0};
  duration night{0};
  duration weekend{0};

  duration total() const { return business + other + night + weekend; }
  duration& operator[](hour_bucket b);
  bucket_hours& operator+=(const bucket_hours& more);
  bool operator==(const bucket_hours&) const = default;
};

// Pages per bucket.
struct bucket_pages {
  int business = 0;
  int other = 0;
  int night = 0;
  int weekend = 0;

  int total() const { return business + other + night + weekend; }
  int& operator[](hour_bucket b);
  bool operator==(const bucket_pages&) const = default;
};

// The bucket of a local wall-clock time.
hour_bucket bucket_of(date::local_time<duration> local);
// The bucket of instant `t` on the wall clock of `zone`.
hour_bucket bucket_at(const date::time_zone& zone, time_point t);
// [from, to) split into buckets on the wall clock of `zone`; DST changes count as the real
// time that passed (a night with the clocks going back is an hour longer).
bucket_hours split_hours(const date::time_zone& zone, time_point from, time_point to);

// The zone named `name`; UTC when the name is empty or unknown (config validation rejects
// unknown names, so this only guards hand-built values).
const date::time_zone& zone_named(const std::string& name);

}  // namespace oncall
