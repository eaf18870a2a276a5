// A follow-up action item of an incident: what will be done after the fire is out, and by whom.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "bot/core/time.hpp"

namespace oncall {

struct followup {
  std::int64_t id = 0;  // numbered across all incidents, shown as F7
  std::int64_t incident_id = 0;
  std::string text;
  std::string owner;       // person name from people[]; empty while nobody owns it
  std::string created_by;  // person name
  time_point created_at;
  std::string done_by;
  std::optional<time_point> done_at;  // set when closed
  bool operator==(const followup&) const = default;

  bool done() const { return done_at.has_value(); }
  std::string display_id() const { return "F" + std::to_string(id); }
};

}  // namespace oncall
