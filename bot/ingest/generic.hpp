// Parser for oncallbot's own webhook, POST /webhooks/generic (SPEC §4): one JSON object that
// any script or CI job can send, one alert per request.
#pragma once

#include <string_view>

#include "bot/core/alert.hpp"
#include "bot/core/result.hpp"

namespace oncall {

// Longest dedup_key accepted, in bytes (the same limit as PagerDuty's Events API v2).
inline constexpr std::size_t max_dedup_key_bytes = 255;

// {"title", "dedup_key", "status", "severity", "source", "labels", "links"} → a batch with one
// alert whose fingerprint and group key are dedup_key. title and dedup_key are required;
// status defaults to firing, severity to 3. Unknown members are ignored.
result<alert_batch> parse_generic(std::string_view body);

}  // namespace oncall
