// Role: the Slack dialect's uploaded files: the ticket an upload_url carries (single-use), the
// bytes, and where the file was shared once files.completeUploadExternal finished it.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http_types.hpp"

namespace chatsim {

struct slack_state;

struct slack_file {
  std::string id;        // "F…"
  std::string filename;  // as given to files.getUploadURLExternal
  std::string title;     // from files.completeUploadExternal
  std::size_t length = 0;  // announced length
  std::string content;     // the bytes sent to upload_url
  bool uploaded = false;   // the bytes arrived with the announced length
  bool completed = false;  // files.completeUploadExternal finished it
  std::string channel, thread_ts, message_ts;  // where it was shared (empty: private)
  std::string initial_comment;
};

class slack_file_book {
 public:
  // A new file awaiting its bytes; the ticket that upload_url carries.
  std::string open(slack_file file, std::string ticket);
  slack_file* find(const std::string& id);
  // The file a ticket is for, taking the ticket (an upload_url works once).
  slack_file* take_ticket(const std::string& ticket);
  const std::deque<slack_file>& all() const { return files_; }

 private:
  std::deque<slack_file> files_;
  std::map<std::string, std::string> tickets_;  // ticket → file id
  int next_ = 1;
};

// POST /upload/v1/<ticket>: the bytes of a file (what files.slack.com's upload_url takes).
http_reply handle_slack_upload(slack_state& slack, const http_request& request);
// The control API's view: every file with its content and where it is shared.
nlohmann::json slack_files_json(const slack_file_book& files);

}  // namespace chatsim
