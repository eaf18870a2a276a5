// Flapping alerts: an alert group that goes firing → resolved → firing … again and again would
// page (and announce) afresh each time. Counting its changes over a window recognises it, so the
// incident is kept open and marked flapping instead (docs/alerts.md).
#pragma once

#include <deque>
#include <map>
#include <string>

#include "bot/core/time.hpp"

namespace oncall {

struct flap_rule {
  int changes = 6;                  // this many firing/resolved changes (three cycles) …
  duration window{30 * 60'000};     // … within this long make an incident key flapping
};

// Changes per incident key; memory bounded (at most `changes` times per key, keys without a
// recent change forgotten).
class flap_detector {
 public:
  explicit flap_detector(flap_rule rule = {}) : rule_(rule) {}
  const flap_rule& rule() const { return rule_; }
  // Records a firing or resolved change of `key` at `now`; true when the key is flapping
  // (at least `changes` changes within `window`, this one included).
  bool change(const std::string& key, time_point now);

 private:
  flap_rule rule_;
  std::map<std::string, std::deque<time_point>> recent_;
};

}  // namespace oncall
