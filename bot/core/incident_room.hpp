// An incident's dedicated channel (incident_rooms: channel, or /oncall channel): when it exists,
// the whole channel is the incident room, not the announcement's thread.
#pragma once

#include <cstdint>
#include <string>

namespace oncall {

struct incident_room {
  std::int64_t incident_id = 0;
  std::string channel;  // platform channel id
  std::string name;     // inc-<id>-<slug> as created
  bool operator==(const incident_room&) const = default;
};

}  // namespace oncall
