#include "bot/engine/shift_summary.hpp"

#include <date/tz.h>

#include <algorithm>
#include <map>

namespace oncall {

namespace {

date::local_time<duration> local(time_point t, const std::string& timezone) {
  try {
    return date::locate_zone(timezone.empty() ? "UTC" : timezone)->to_local(t);
  } catch (const std::exception&) {
    return date::local_time<duration>{t.time_since_epoch()};
  }
}

std::optional<duration> median(std::vector<duration> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  auto n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::vector<std::pair<std::string, int>> noisiest(const std::vector<incident>& opened) {
  std::map<std::string, int> counts;
  for (const auto& inc : opened) ++counts[inc.title];
  std::vector<std::pair<std::string, int>> ranked(counts.begin(), counts.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (ranked.size() > 3) ranked.resize(3);
  return ranked;
}

}  // namespace

bool at_night(time_point t, const std::string& timezone) {
  auto lt = local(t, timezone);
  auto hour = std::chrono::duration_cast<std::chrono::hours>(lt - date::floor<date::days>(lt)).count();
  return hour >= 22 || hour < 7;
}

bool on_weekend(time_point t, const std::string& timezone) {
  auto day = date::weekday{date::floor<date::days>(local(t, timezone))};
  return day == date::Saturday || day == date::Sunday;
}

shift_summary summarize_shift(const shift_facts& facts) {
  shift_summary s;
  for (const auto& n : facts.notifications) {
    if (n.target != "schedule:" + facts.schedule && n.person != facts.outgoing) continue;
    if (n.person.empty()) continue;  // notifiers are not pages of a person
    ++s.pages;
    if (at_night(n.at, facts.timezone)) ++s.night_pages;
    if (on_weekend(n.at, facts.timezone)) ++s.weekend_pages;
  }
  std::vector<duration> acks;
  for (const auto& inc : facts.opened) {
    ++s.opened;
    if (!inc.open()) ++s.resolved;
    if (inc.acked_at) acks.push_back(*inc.acked_at - inc.opened_at);
  }
  s.median_time_to_ack = median(acks);
  s.noisiest = noisiest(facts.opened);
  s.still_open = facts.open_now;
  for (const auto& r : facts.ratings) {
    if (r.text == "false_alarm") ++s.false_alarms;
    if (r.text == "not_actionable") ++s.not_actionable;
  }
  s.notes = facts.notes;
  for (const auto& f : facts.followups) {
    if (!f.done()) s.open_followups.push_back(f);
  }
  s.done_followups = facts.closed_followups;
  return s;
}

}  // namespace oncall
