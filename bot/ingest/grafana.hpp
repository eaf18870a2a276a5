// Parser for Grafana's unified alerting webhook contact point (payload version "1"): one
// notification is one alert group, so it becomes one alert_batch, like Alertmanager's.
#pragma once

#include <string_view>

#include "bot/core/alert.hpp"
#include "bot/core/result.hpp"

namespace oncall {

// The batch for one webhook body, or an error naming the offending JSON path
// ("alerts[1].fingerprint is missing"). Accepts only "version": "1" and a non-empty alerts
// array; size limits belong to the HTTP layer.
result<alert_batch> parse_grafana(std::string_view body);

}  // namespace oncall
