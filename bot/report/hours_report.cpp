// Building the hours report: each schedule's range is cut into on-call segments, each segment
// into buckets on the person's wall clock; each page is counted once, against the on-call
// stretch it fell in.
#include "bot/report/hours_report.hpp"

#include <date/tz.h>

#include <map>
#include <utility>

#include "bot/core/schedule.hpp"

namespace oncall {

namespace {

using row_map = std::map<std::pair<std::string, std::string>, hours_row>;

// A stretch during which a person was on call for a schedule, and the zone their time is
// classified in.
struct on_call_span {
  std::string schedule;
  time_point from;
  time_point to;
  const date::time_zone* zone;
};
using spans_by_person = std::map<std::string, std::vector<on_call_span>>;

// The person's own zone; `fallback` when they set none or are not listed under people.
const date::time_zone& person_zone(const std::vector<person>& people, const std::string& name,
                                   const std::string& fallback) {
  for (const auto& p : people) {
    if (p.name == name && !p.timezone.empty()) return zone_named(p.timezone);
  }
  return zone_named(fallback);
}

hours_row& row_for(row_map& rows, const std::string& schedule, const std::string& person) {
  auto [it, fresh] = rows.try_emplace({schedule, person});
  if (fresh) {
    it->second.schedule = schedule;
    it->second.person = person;
  }
  return it->second;
}

void add_schedule_hours(const schedule& s, const hours_report_input& in, row_map& rows,
                        spans_by_person& spans) {
  const auto range = local_day_range(zone_named(s.timezone), in.from, in.to);
  for (const auto& seg : on_call_segments(s, range.from, range.to)) {
    if (seg.person.empty()) continue;  // a schedule without members has nobody to pay
    const auto& zone = person_zone(in.people, seg.person, s.timezone);
    row_for(rows, s.name, seg.person).hours += split_hours(zone, seg.from, seg.to);
    spans[seg.person].push_back({s.name, seg.from, seg.to, &zone});
  }
}

// The stretch a page belongs to: on the schedule its target names if the person was on call
// there, else on the first schedule by name where they were; so a person on call for two
// schedules at once is paid for the page once. nullptr when they were not on call.
const on_call_span* span_of(const notification& n, const spans_by_person& spans) {
  auto it = spans.find(n.person);
  if (it == spans.end()) return nullptr;
  const on_call_span* first = nullptr;
  for (const auto& span : it->second) {
    if (n.at < span.from || n.at >= span.to) continue;
    if (n.target == "schedule:" + span.schedule) return &span;
    if (!first || span.schedule < first->schedule) first = &span;
  }
  return first;
}

void add_page(const notification& n, const hours_report_input& in, const spans_by_person& spans,
              row_map& rows) {
  if (n.person.empty()) return;  // an outbound notifier (SMS gateway, PagerDuty), not a person
  if (const auto* span = span_of(n, spans)) {
    row_for(rows, span->schedule, n.person).pages[bucket_at(*span->zone, n.at)]++;
    return;
  }
  // Off call: no schedule's zone applies, so the range and buckets follow the person's zone.
  const auto& zone = person_zone(in.people, n.person, "UTC");
  const auto range = local_day_range(zone, in.from, in.to);
  if (n.at < range.from || n.at >= range.to) return;
  row_for(rows, off_call_schedule, n.person).pages[bucket_at(zone, n.at)]++;
}

}  // namespace

instant_range local_day_range(const date::time_zone& zone, date::local_days from,
                              date::local_days to) {
  // A midnight the clocks skip resolves to the change itself.
  auto at = [&](date::local_days d) {
    return std::chrono::time_point_cast<duration>(zone.to_sys(d, date::choose::earliest));
  };
  return {at(from), at(to)};
}

std::vector<hours_row> build_hours_report(const hours_report_input& in) {
  row_map rows;
  spans_by_person spans;
  for (const auto& s : in.schedules) add_schedule_hours(s, in, rows, spans);
  for (const auto& n : in.notifications) add_page(n, in, spans, rows);
  std::vector<hours_row> out;
  out.reserve(rows.size());
  for (auto& [key, row] : rows) out.push_back(std::move(row));
  return out;
}

}  // namespace oncall
