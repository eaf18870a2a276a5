// A deploy event from CI (POST /webhooks/deploy): what went out, where, and by whom. Shown in the
// timeline of open incidents of that service and in postmortems, next to the `deploy` category.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bot/core/alert.hpp"
#include "bot/core/incident.hpp"
#include "bot/core/time.hpp"

namespace oncall {

struct deploy {
  std::int64_t id = 0;
  std::string service;  // matched against an incident's `service` label
  std::string version;
  std::string commit;
  std::string author;
  std::string url;      // the CI run or release page; may be empty
  time_point at;        // when the bot received it
  bool operator==(const deploy&) const = default;
};

// The service an incident is about: its `service` label, else the first alert's that has one;
// empty when none says (then no deploy is linked to it).
std::string incident_service(const incident& inc, const std::vector<alert>& alerts);

}  // namespace oncall
