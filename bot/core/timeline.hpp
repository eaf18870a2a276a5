// One line of an incident's timeline: something said or done in the incident room.
#pragma once

#include <cstdint>
#include <string>

#include "bot/core/time.hpp"

namespace oncall {

struct timeline_entry {
  std::int64_t id = 0;
  std::int64_t incident_id = 0;
  time_point at;
  std::string kind;    // alert, page, ack, escalate, resolve, severity, note, status, message, …
  std::string author;  // person name, chat user id, or "oncallbot"
  std::string text;
  std::string ref;     // chat message ref for messages (edits and deletions find it by this)
  bool key_event = false;
  bool operator==(const timeline_entry&) const = default;
};

}  // namespace oncall
