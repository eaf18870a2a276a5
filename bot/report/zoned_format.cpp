#include "bot/report/zoned_format.hpp"

#include <cstdio>

namespace oncall {

namespace {

// "2026-12-04" + sep + "13:05:12"
std::string calendar(date::sys_seconds s, char sep) {
  auto day = date::floor<date::days>(s);
  date::year_month_day ymd{day};
  date::hh_mm_ss hms{s - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u%c%02d:%02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), sep,
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string offset_text(std::chrono::seconds offset) {
  if (offset.count() == 0) return "Z";
  auto total = offset.count();
  char sign = total < 0 ? '-' : '+';
  if (total < 0) total = -total;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%c%02lld:%02lld", sign, static_cast<long long>(total / 3600),
                static_cast<long long>(total % 3600 / 60));
  return buf;
}

}  // namespace

zoned_formatter::zoned_formatter(const std::string& zone) : name_(zone) {
  try {
    zone_ = date::locate_zone(zone.empty() ? "UTC" : zone);
  } catch (const std::exception&) {
    name_ = "UTC";
    zone_ = date::locate_zone("UTC");
  }
}

const date::sys_info& zoned_formatter::info_at(date::sys_seconds s) {
  if (!have_cached_ || s < cached_.begin || s >= cached_.end) {
    cached_ = zone_->get_info(s);
    have_cached_ = true;
  }
  return cached_;
}

zoned_text zoned_formatter::format(time_point t) {
  auto s = date::floor<std::chrono::seconds>(t);
  date::sys_seconds utc{s.time_since_epoch()};
  const auto& info = info_at(utc);
  date::sys_seconds local{utc.time_since_epoch() + info.offset};
  zoned_text out;
  out.utc = calendar(utc, ' ') + " UTC";
  out.local = calendar(local, ' ') + " " + info.abbrev;
  out.utc_iso = calendar(utc, 'T') + "Z";
  out.local_iso = calendar(local, 'T') + offset_text(info.offset);
  return out;
}

}  // namespace oncall
