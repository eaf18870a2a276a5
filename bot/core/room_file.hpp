// A file for an incident room (a postmortem draft): what the outbox uploads, and how it is
// named and introduced there.
#pragma once

#include <string>

namespace oncall {

struct room_file {
  std::string filename;  // "postmortem-42-db-outage.md"
  std::string title;     // shown with the file
  std::string content;
  std::string comment;   // plain text posted with it; may be empty
  bool operator==(const room_file&) const = default;
};

}  // namespace oncall
