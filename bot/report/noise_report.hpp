// The noise report (SPEC §1 `oncallbot report noise`): per alert rule, how often it paged, how
// fast people acked, and how responders rated it — the numbers that tell which alerts to fix or
// delete. Pure: incidents and ratings in, rows out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bot/core/incident.hpp"
#include "bot/core/timeline.hpp"

namespace oncall {

struct noise_row {
  std::string rule;  // the alertname label, or the title when there is none
  int pages = 0;     // incidents opened
  int acked = 0;
  std::optional<duration> median_time_to_ack;
  std::optional<duration> worst_time_to_ack;
  int actionable = 0;
  int not_actionable = 0;
  int false_alarm = 0;
  int unrated = 0;  // resolved pages nobody rated
};

struct rated_incident {
  incident inc;
  std::vector<timeline_entry> ratings;  // kind "rating", text actionable / not_actionable / false_alarm
};

// Rows with the noisiest rule first (most pages, then most false alarms, then by name).
// A person who rated one page twice counts once, with their last rating.
std::vector<noise_row> build_noise_report(const std::vector<rated_incident>& incidents);

std::string format_noise_csv(const std::vector<noise_row>& rows);
std::string format_noise_md(const std::vector<noise_row>& rows, const std::string& range);

}  // namespace oncall
