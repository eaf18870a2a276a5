// What happens to messages in an incident room, as platform-neutral values: a message posted,
// edited or deleted, a :pushpin: added or taken away. The chat adapters build these from Slack
// and Mattermost events; the engine turns them into timeline entries (room_capture.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/time.hpp"

namespace oncall {

// One message as the timeline keeps it.
struct room_message {
  std::string ref;    // Slack ts, Mattermost post id
  std::string user;   // chat user (Slack id, Mattermost username); for other apps their name
  std::string text;   // plain text, attached files appended as links
  time_point at;      // when it was posted
  // Whether it carries a :pushpin: (history only; nullopt when the platform did not say).
  std::optional<bool> pinned;
  bool operator==(const room_message&) const = default;
};

struct room_event {
  enum class kind { posted, edited, deleted, pinned, unpinned };
  kind what = kind::posted;
  // Applied once per delivery id (Slack event_id; Mattermost post id + kind + edit time).
  std::string delivery_id;
  std::string channel;     // platform channel id
  std::string thread_ref;  // the thread's root (Slack thread_ts, Mattermost root_id); may be empty
  room_message message;    // posted and edited: all of it; the others: ref (and user)
  bool operator==(const room_event&) const = default;
};

// An incident room to read back after a gap: the announcement's thread.
struct room_ref {
  std::int64_t incident_id = 0;
  std::string channel;
  std::string thread_ref;
  bool operator==(const room_ref&) const = default;
};

// The platform's name for the reaction that marks a key event, on both platforms.
inline constexpr const char* key_event_emoji = "pushpin";

}  // namespace oncall
