// CSV and Markdown renderings of the hours report; both take the same columns, in the same
// order, so a reader can move between them.
#include "bot/report/hours_format.hpp"

#include <algorithm>
#include <array>

#include "bot/report/table_format.hpp"

namespace oncall {

namespace {

constexpr std::array<const char*, 12> columns = {
    "schedule",      "person", "total_hours",    "business_hours", "other_hours", "night_hours",
    "weekend_hours", "pages",  "business_pages", "other_pages",    "night_pages", "weekend_pages"};

table_row cells(const hours_row& r) {
  const auto& h = r.hours;
  const auto& p = r.pages;
  return {r.schedule,
          r.person,
          hours_text(h.total()),
          hours_text(h.business),
          hours_text(h.other),
          hours_text(h.night),
          hours_text(h.weekend),
          std::to_string(p.total()),
          std::to_string(p.business),
          std::to_string(p.other),
          std::to_string(p.night),
          std::to_string(p.weekend)};
}

}  // namespace

std::string hours_text(duration d) {
  // Integer centi-hours, so 0.125 h rounds the same on every machine; time on call is never
  // negative.
  const auto centi = (std::max<std::int64_t>(d.count(), 0) + 18'000) / 36'000;
  const auto frac = centi % 100;
  return std::to_string(centi / 100) + (frac < 10 ? ".0" : ".") + std::to_string(frac);
}

std::string format_hours_csv(const std::vector<hours_row>& rows) {
  std::vector<table_row> body;
  for (const auto& r : rows) body.push_back(cells(r));
  return format_csv_table(table_row(columns.begin(), columns.end()), body);
}

std::string format_hours_md(const std::vector<hours_row>& rows, date::local_days from,
                            date::local_days to) {
  std::vector<table_row> body;
  for (const auto& r : rows) body.push_back(cells(r));
  return format_md_table("On-call hours from " + date::format("%F", from) + " to " +
                             date::format("%F", to) + " (exclusive), in each schedule's time zone",
                         table_row(columns.begin(), columns.end()), body, 2);
}

}  // namespace oncall
