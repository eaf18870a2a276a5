// Reading --from, --to and --format strictly: a report over the wrong range would pay people
// wrongly without anyone noticing.
#include "bot/report/report_args.hpp"

#include <string>

namespace oncall {

namespace {

std::optional<unsigned> digits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value;
}

error bad_date(std::string_view flag, std::string_view text) {
  return {std::string(flag) + " '" + std::string(text) +
              "' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-01",
          std::string(flag)};
}

}  // namespace

std::optional<date::local_days> parse_report_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = digits(text.substr(0, 4));
  auto m = digits(text.substr(5, 2));
  auto d = digits(text.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  date::year_month_day ymd{date::year{static_cast<int>(*y)}, date::month{*m}, date::day{*d}};
  if (!ymd.ok()) return std::nullopt;
  return date::local_days{ymd};
}

result<report_range_args> parse_report_args(std::string_view from, std::string_view to,
                                            std::string_view format) {
  report_range_args args;
  auto first = parse_report_date(from);
  if (!first) return bad_date("--from", from);
  auto last = parse_report_date(to);
  if (!last) return bad_date("--to", to);
  if (*first >= *last) {
    return error{"--from " + std::string(from) + " is not before --to " + std::string(to) +
                     "; --to is exclusive, so give a later --to (e.g. --to " +
                     date::format("%F", *first + date::days{1}) + " for one day)",
                 "--to"};
  }
  args.from = *first;
  args.to = *last;
  if (format == "csv") {
    args.format = report_format::csv;
  } else if (format.empty() || format == "md") {
    args.format = report_format::md;
  } else {
    return error{
        "--format '" + std::string(format) + "' is not known; use --format csv or --format md",
        "--format"};
  }
  return args;
}

}  // namespace oncall
