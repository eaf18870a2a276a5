// The hours report as text: CSV for spreadsheets and payroll, Markdown for people.
#pragma once

#include <date/date.h>

#include <string>
#include <vector>

#include "bot/report/hours_report.hpp"

namespace oncall {

// Hours with two decimals, rounded half up from the exact milliseconds: "167.00", "0.25".
std::string hours_text(duration d);

// A header row, then one row per report row; names with commas or quotes are quoted (RFC 4180).
std::string format_hours_csv(const std::vector<hours_row>& rows);

// A one-line title naming the range, then a table with the CSV's columns.
std::string format_hours_md(const std::vector<hours_row>& rows, date::local_days from,
                            date::local_days to);

}  // namespace oncall
