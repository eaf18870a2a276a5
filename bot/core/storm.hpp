// Alert storms: when many incidents open in one channel at once, announcing each would bury the
// channel (and Slack allows one message per second per channel). Past a threshold, new
// incidents in that channel are summarised in one storm message instead (docs/alerts.md).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>

#include "bot/core/time.hpp"

namespace oncall {

struct storm_rule {
  int threshold = 10;         // this many incidents in a window are announced one by one
  duration window{60'000};    // a storm lasts until no incident opened for this long
};

struct storm {
  std::int64_t id = 0;
  std::string channel;  // the lane (configured channel) it summarises
  time_point started_at;
  time_point last_at;   // when its newest incident opened
  std::string message_channel;  // where the summary was posted (platform id), once posted
  std::string message_ref;
  bool operator==(const storm&) const = default;
};

struct storm_counts {
  int incidents = 0;
  int open = 0;
};

// Counts recent openings per channel; memory stays bounded (threshold + 1 times per channel,
// channels without a recent opening forgotten).
class storm_detector {
 public:
  explicit storm_detector(storm_rule rule = {}) : rule_(rule) {}
  const storm_rule& rule() const { return rule_; }
  // Records an incident opening in `channel` at `now`: true when more than `threshold`
  // incidents opened there within `window` (this one included), so it belongs to a storm.
  bool opening(const std::string& channel, time_point now);

 private:
  storm_rule rule_;
  std::map<std::string, std::deque<time_point>> recent_;
};

}  // namespace oncall
