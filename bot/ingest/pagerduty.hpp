// Parser for PagerDuty Events API v2 (POST /v2/enqueue, SPEC §4): one event is one alert,
// keyed by its dedup_key.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "bot/core/alert.hpp"
#include "bot/core/result.hpp"

namespace oncall {

// Limits PagerDuty documents (routing_key is 32 characters there; any non-empty key up to 64
// bytes is accepted here so that locally chosen tokens work).
inline constexpr std::size_t max_routing_key_bytes = 64;
inline constexpr std::size_t max_pagerduty_dedup_key_bytes = 255;
inline constexpr std::size_t max_pagerduty_summary_chars = 1024;

struct pagerduty_event {
  std::string routing_key;
  std::string action;     // "trigger", "acknowledge" or "resolve"
  std::string dedup_key;  // generated (32 hex digits) when a trigger has none: reply with it
  alert_batch batch;      // trigger: one firing alert; resolve: one resolved alert;
                          // acknowledge: no alerts (source and group_key only)
  bool operator==(const pagerduty_event&) const = default;
};

// The event for one request body, or an error naming the offending JSON path
// ("payload.severity must be one of critical, error, warning, info, not \"high\"").
result<pagerduty_event> parse_pagerduty(std::string_view body);

}  // namespace oncall
