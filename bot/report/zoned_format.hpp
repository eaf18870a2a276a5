// Times for postmortems, in UTC and in the team's zone at once. Fast enough for a timeline of
// tens of thousands of entries: the zone's offset is looked up once per DST period, not per time.
#pragma once

#include <date/tz.h>

#include <string>

#include "bot/core/time.hpp"

namespace oncall {

struct zoned_text {
  std::string utc;        // "2026-12-04 13:05:12 UTC"
  std::string local;      // "2026-12-04 14:05:12 CET"
  std::string utc_iso;    // "2026-12-04T13:05:12Z"
  std::string local_iso;  // "2026-12-04T14:05:12+01:00"
};

class zoned_formatter {
 public:
  // `zone` is an IANA name that the config has checked; an unknown one falls back to UTC.
  explicit zoned_formatter(const std::string& zone);

  zoned_text format(time_point t);
  const std::string& zone_name() const { return name_; }

 private:
  const date::sys_info& info_at(date::sys_seconds s);

  std::string name_;
  const date::time_zone* zone_ = nullptr;
  date::sys_info cached_{};
  bool have_cached_ = false;
};

}  // namespace oncall
