// The bot's own counters and histograms for GET /metrics, one registry owned by `run_bot` and
// handed to the parts that count (engine, chat APIs, websocket loops, runbook service). Every
// member is safe to touch from any thread: the engine thread counts, the HTTP threads render.
// Label values come from short fixed lists or from route templates, never from raw user input,
// so the number of series stays bounded.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

namespace oncall {

// A monotonically increasing count without labels.
class metric_counter {
 public:
  void add(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// Counts by one label value (source, method, outcome).
class labeled_counter {
 public:
  void add(const std::string& label, std::uint64_t n = 1);
  std::uint64_t value(const std::string& label) const;
  std::map<std::string, std::uint64_t> snapshot() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::uint64_t> counts_;
};

// A Prometheus histogram in seconds: per-bucket counts (cumulated when rendered), sum and count.
class metric_histogram {
 public:
  explicit metric_histogram(std::vector<double> upper_bounds);
  void observe(double seconds);

  struct snapshot_t {
    std::vector<double> bounds;
    std::vector<std::uint64_t> cumulative;  // one per bound, then +Inf (== count)
    double sum = 0;
    std::uint64_t count = 0;
  };
  snapshot_t snapshot() const;

 private:
  const std::vector<double> bounds_;
  mutable std::mutex mutex_;
  std::vector<std::uint64_t> buckets_;  // non-cumulative; last is above every bound
  double sum_ = 0;
  std::uint64_t count_ = 0;
};

struct bot_metrics {
  bot_metrics();

  labeled_counter alerts_received;    // by source; alerts, not requests
  metric_counter pages;               // one per person or notifier reached at a level
  metric_counter escalations;         // one per level change, by timer or by hand
  metric_histogram escalation_lateness;  // timer fire time minus due time
  metric_histogram time_to_ack;          // ack time minus open time, at each ack
  labeled_counter chat_api_calls;     // by Web API method or REST route template
  metric_counter chat_rate_limited;   // chat API answers with 429
  metric_counter websocket_reconnects;
  labeled_counter runbook_runs;       // by outcome: succeeded, failed, error
  metric_histogram storage_commit;    // the engine's commit() (outermost transaction)
};

// Writes every family of `m` with HELP and TYPE lines, then oncallbot_build_info{version}.
void render_bot_metrics(std::ostream& out, const bot_metrics& m, const std::string& version);

// Prometheus label value escaping: backslash, double quote and newline.
std::string escape_label_value(const std::string& value);

}  // namespace oncall
