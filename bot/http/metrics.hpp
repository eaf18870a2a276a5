// GET /metrics: Prometheus text exposition of what an operator pages on — open and
// acknowledged incidents, effects waiting to leave, chat connectivity — and counts of the
// requests the HTTP server answered, by endpoint and status.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "bot/http/metrics_registry.hpp"

namespace oncall {

struct engine_gauges {
  std::int64_t open_incidents = 0;
  std::int64_t acknowledged_incidents = 0;
  std::int64_t pending_effects = 0;
  // Unix seconds of the last scheduled backup that succeeded (0: none yet); unset without
  // storage.backup.
  std::optional<std::int64_t> last_backup_unix;
  std::int64_t resolved_incidents = 0;  // every resolved incident the store holds
};

// Requests answered, by endpoint and status; written by the server's threads.
class request_counters {
 public:
  // Paths outside `known` count as "other", so scanners cannot grow the label set.
  void count(const std::string& path, int status);
  std::map<std::pair<std::string, int>, std::uint64_t> snapshot() const;
  void set_known(std::map<std::string, bool> known) { known_ = std::move(known); }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, bool> known_;
  std::map<std::pair<std::string, int>, std::uint64_t> counts_;
};

// `bot` (the app's counters and histograms) is left out when null, as in tests of the gauges.
std::string render_metrics(const engine_gauges& gauges, bool chat_connected,
                           const std::map<std::pair<std::string, int>, std::uint64_t>& requests,
                           const bot_metrics* bot = nullptr);

}  // namespace oncall
