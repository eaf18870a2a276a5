// Role: the timed scenarios. Each works the same way on oncallbot and on the peer: chatsim
// stamps envelope sends, acks and replies with the monotonic clock; webhook sends are stamped
// here with the same clock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bench_world.hpp"

namespace oncall::bench {

struct slash_latency {
  std::vector<double> ack_ms;    // envelope sent → ack read
  std::vector<double> reply_ms;  // envelope sent → reply stored (ephemeral or chat.postMessage)
  int unanswered = 0;
};
// `/oncall who` in #oncall as alice, one at a time; the first `warmup` are not counted.
slash_latency measure_slash_commands(sim_process& sim, int samples, int warmup);

// `count` identical commands sent at once: first envelope sent → last reply stored, in ms.
std::optional<double> measure_slash_burst(sim_process& sim, int count);

struct announce_latency {
  std::vector<double> ms;  // webhook request sent → announcement stored in #alerts
  int missed = 0;
};
// One new alert at a time (each resolved again before the next, so only one is ever open),
// alert i in lane i (see lane_channel): `samples + warmup` lanes must exist.
announce_latency measure_announcements(sim_process& sim, int http_port, int samples, int warmup);

struct storm_figures {
  double alerts_per_s = 0;
  int failed = 0;  // requests not answered 2xx
  int sent = 0;    // fewer than asked when the time limit ended the storm
  double peak_rss_mb = -1;
};
// Up to `alerts` webhook requests of one new alert each over `connections` keep-alive
// connections, stopping after `limit_s` seconds.
storm_figures measure_storm(int http_port, pid_t bot, int alerts, int connections, double limit_s);

struct big_body_figures {
  double ms = -1;  // request sent → 2xx read; -1 when it failed
  std::size_t bytes = 0;
};
big_body_figures measure_big_body(int http_port, int alerts);

}  // namespace oncall::bench
