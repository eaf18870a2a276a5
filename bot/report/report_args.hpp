// Checking the arguments of `oncallbot report …` before anything is read, so bad usage gets
// exit 2 and one sentence naming the problem and the fix (SPEC §1).
#pragma once

#include <date/date.h>

#include <optional>
#include <string_view>

#include "bot/core/result.hpp"

namespace oncall {

enum class report_format { csv, md };

struct report_range_args {
  date::local_days from;
  date::local_days to;  // exclusive
  report_format format = report_format::md;
};

// A calendar date written YYYY-MM-DD; nullopt for anything else (2026-2-30, 2026-02-30, …).
std::optional<date::local_days> parse_report_date(std::string_view text);

// `from` before `to`, both dates; `format` "csv" or "md" (empty means md).
result<report_range_args> parse_report_args(std::string_view from, std::string_view to,
                                            std::string_view format);

}  // namespace oncall
