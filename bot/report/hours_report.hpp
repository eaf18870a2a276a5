// The on-call hours report (SPEC §1, `oncallbot report hours`): per schedule and person, hours
// on call split into buckets, and pages received in each — the figures an on-call allowance is
// paid from. Pure: schedules, people and notifications in, rows out; no clock, no storage.
#pragma once

#include <date/date.h>

#include <string>
#include <vector>

#include "bot/core/rota.hpp"
#include "bot/report/hour_buckets.hpp"
#include "config/config.hpp"

namespace oncall {

// The schedule column of pages a person received while not on call for any schedule (a
// `person:` target, or an escalation that reached them outside their shift).
inline constexpr const char* off_call_schedule = "-";

struct hours_row {
  std::string schedule;
  std::string person;
  bucket_hours hours;
  bucket_pages pages;
  bool operator==(const hours_row&) const = default;
};

struct hours_report_input {
  // Calendar dates, `to` exclusive, each read at 00:00 in the zone of the schedule (or, for
  // off-call pages, of the person).
  date::local_days from;
  date::local_days to;
  std::vector<schedule> schedules;  // with the chat overrides merged in (with_overrides)
  std::vector<person> people;
  std::vector<notification> notifications;  // at least those in the range; others are ignored
};

// One row per (schedule, person) that was on call in the range or received pages, sorted by
// schedule then person (byte order, so the "-" rows come first).
std::vector<hours_row> build_hours_report(const hours_report_input& in);

// The instants 00:00 local on `from` and on `to` in `zone`.
struct instant_range {
  time_point from;
  time_point to;
};
instant_range local_day_range(const date::time_zone& zone, date::local_days from,
                              date::local_days to);

}  // namespace oncall
