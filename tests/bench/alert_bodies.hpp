// Role: Alertmanager webhook bodies (version 4, as Alertmanager sends them) for the benchmark:
// one alert in its own group, and one group of many alerts the size of a real big group.
#pragma once

#include <string>

namespace oncall::bench {

// A group of one alert named `alertname` (also in its summary); `firing` or resolved. With a
// lane (>= 0) it carries the label bench_lane, which routes it to channel #bench-<lane>.
std::string single_alert_body(const std::string& alertname, bool firing, int lane = -1);
// One group (alertname HostDown) of `alerts` firing alerts, about 380 bytes each.
std::string big_group_body(int alerts, const std::string& group_suffix);

}  // namespace oncall::bench
