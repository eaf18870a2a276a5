// CSV and Markdown renderings of the hours report; both take the same columns, in the same
// order, so a reader can move between them.
#include "bot/report/hours_format.hpp"

#include <algorithm>
#include <array>

namespace oncall {

namespace {

constexpr std::array<const char*, 12> columns = {
    "schedule",      "person", "total_hours",    "business_hours", "other_hours", "night_hours",
    "weekend_hours", "pages",  "business_pages", "other_pages",    "night_pages", "weekend_pages"};

std::array<std::string, 12> cells(const hours_row& r) {
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

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A table cell: a '|' would end the cell early.
std::string md_cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

template <typename Cells>
std::string md_line(const Cells& row) {
  std::string out = "|";
  for (const auto& c : row) out += " " + md_cell(c) + " |";
  return out + "\n";
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
  std::string out;
  for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + std::string(columns[i]);
  out += "\n";
  for (const auto& r : rows) {
    const auto row = cells(r);
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + csv_field(row[i]);
    out += "\n";
  }
  return out;
}

std::string format_hours_md(const std::vector<hours_row>& rows, date::local_days from,
                            date::local_days to) {
  std::string out = "# On-call hours from " + date::format("%F", from) + " to " +
                    date::format("%F", to) + " (exclusive), in each schedule's time zone\n\n";
  out += md_line(columns);
  out += "|";
  for (std::size_t i = 0; i < columns.size(); ++i) out += i < 2 ? "---|" : "--:|";
  out += "\n";
  for (const auto& r : rows) out += md_line(cells(r));
  return out;
}

}  // namespace oncall
