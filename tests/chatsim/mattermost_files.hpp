// Role: the Mattermost dialect's uploaded files (POST /api/v4/files, multipart/form-data or raw
// body with ?channel_id=&filename=) and how a post takes them: a file is shown only once a post
// by its uploader, in its channel, names it in file_ids; the server drops ids it cannot attach.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http_types.hpp"

namespace chatsim {

struct mm_rest_call;

struct mm_file {
  std::string id, user_id, channel_id, post_id, name, extension, mime_type, content;
  std::int64_t create_at = 0;
};

class mm_file_book {
 public:
  mm_file& add(mm_file f) {
    files_.push_back(std::move(f));
    return files_.back();
  }
  mm_file* find(const std::string& id);
  const std::deque<mm_file>& all() const { return files_; }
  // The ids of `wanted` that `user_id` uploaded to `channel_id` and no post has taken yet,
  // marked as taken by `post_id`; the rest are left out, as Mattermost does.
  std::vector<std::string> attach(const std::vector<std::string>& wanted, const std::string& user_id,
                                  const std::string& channel_id, const std::string& post_id);

 private:
  std::deque<mm_file> files_;
};

nlohmann::json mm_file_info_json(const mm_file& f);
// The control API's view: every file with its content and the post that shows it.
nlohmann::json mm_files_json(const mm_file_book& files);

// POST /api/v4/files (mattermost_files.cpp).
http_reply mm_upload_files(mm_rest_call& c);

}  // namespace chatsim
