// Parser for Prometheus Alertmanager's webhook (payload version "4", as sent by 0.25):
// one notification is one alert group, so it becomes one alert_batch.
#pragma once

#include <string_view>

#include "bot/core/alert.hpp"
#include "bot/core/result.hpp"

namespace oncall {

// The batch for one webhook body, or an error naming the offending JSON path
// ("alerts[2].fingerprint is missing"). Accepts only "version": "4" and a non-empty alerts
// array; size limits belong to the HTTP layer.
result<alert_batch> parse_alertmanager(std::string_view body);

}  // namespace oncall
