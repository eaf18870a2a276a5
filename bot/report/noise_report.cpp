#include "bot/report/noise_report.hpp"

#include <algorithm>
#include <map>

#include "bot/report/table_format.hpp"

namespace oncall {

namespace {

std::string rule_of(const incident& inc) {
  auto it = inc.labels.find("alertname");
  return it != inc.labels.end() && !it->second.empty() ? it->second : inc.title;
}

// Each rater's last word on the page.
std::map<std::string, std::string> last_ratings(const std::vector<timeline_entry>& ratings) {
  std::map<std::string, std::string> by_rater;
  for (const auto& r : ratings) by_rater[r.author] = r.text;
  return by_rater;
}

void add_incident(noise_row& row, const rated_incident& r, std::vector<duration>& acks) {
  ++row.pages;
  if (r.inc.acked_at) {
    ++row.acked;
    acks.push_back(*r.inc.acked_at - r.inc.opened_at);
  }
  auto ratings = last_ratings(r.ratings);
  if (ratings.empty() && !r.inc.open()) ++row.unrated;
  for (const auto& [rater, rating] : ratings) {
    if (rating == "actionable") ++row.actionable;
    if (rating == "not_actionable") ++row.not_actionable;
    if (rating == "false_alarm") ++row.false_alarm;
  }
}

std::string minutes_text(const std::optional<duration>& d) {
  if (!d) return "";
  return format_duration(std::chrono::duration_cast<std::chrono::seconds>(*d));
}

const table_row noise_columns = {"rule",       "pages",          "acked",       "median_time_to_ack",
                                 "worst_time_to_ack", "actionable", "not_actionable",
                                 "false_alarm", "unrated"};

table_row cells(const noise_row& r) {
  return {r.rule,
          std::to_string(r.pages),
          std::to_string(r.acked),
          minutes_text(r.median_time_to_ack),
          minutes_text(r.worst_time_to_ack),
          std::to_string(r.actionable),
          std::to_string(r.not_actionable),
          std::to_string(r.false_alarm),
          std::to_string(r.unrated)};
}

std::vector<table_row> body(const std::vector<noise_row>& rows) {
  std::vector<table_row> out;
  for (const auto& r : rows) out.push_back(cells(r));
  return out;
}

}  // namespace

std::vector<noise_row> build_noise_report(const std::vector<rated_incident>& incidents) {
  std::map<std::string, noise_row> rows;
  std::map<std::string, std::vector<duration>> acks;
  for (const auto& r : incidents) {
    auto rule = rule_of(r.inc);
    auto& row = rows[rule];
    row.rule = rule;
    add_incident(row, r, acks[rule]);
  }
  std::vector<noise_row> out;
  for (auto& [rule, row] : rows) {
    auto& times = acks[rule];
    if (!times.empty()) {
      std::sort(times.begin(), times.end());
      auto n = times.size();
      row.median_time_to_ack = n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
      row.worst_time_to_ack = times.back();
    }
    out.push_back(row);
  }
  std::stable_sort(out.begin(), out.end(), [](const noise_row& a, const noise_row& b) {
    if (a.pages != b.pages) return a.pages > b.pages;
    return a.false_alarm > b.false_alarm;
  });
  return out;
}

std::string format_noise_csv(const std::vector<noise_row>& rows) {
  return format_csv_table(noise_columns, body(rows));
}

std::string format_noise_md(const std::vector<noise_row>& rows, const std::string& range) {
  return format_md_table("Alert noise " + range, noise_columns, body(rows), 1);
}

}  // namespace oncall
