// Role: the Mattermost dialect's domain values: team, users, channels, posts (with edit history
// and reactions) and ephemeral posts. Times are int64 milliseconds since the epoch, ids are
// 26 lower-case letters and digits, as Mattermost has them (protocols.md B1, B3).
#pragma once

#include <cstdint>
#include <deque>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace chatsim {

struct mm_team {
  std::string id, name, display_name;
  std::int64_t create_at = 0;
};

struct mm_user {
  std::string id, username, first_name, last_name, nickname, email, roles;
  bool is_bot = false;
  std::int64_t create_at = 0;
};

// A replaced version of a post, kept for the control API readback.
struct mm_post_version {
  std::string message;
  nlohmann::json props;
  std::int64_t replaced_at = 0;
};

struct mm_reaction {
  std::string user_id, emoji_name;
  std::int64_t create_at = 0;
};

struct mm_post {
  std::string id;
  std::int64_t create_at = 0, update_at = 0, edit_at = 0, delete_at = 0;
  bool is_pinned = false;
  std::string user_id, channel_id, root_id, message, type, pending_post_id;
  // The full props, action integrations included; clients only ever see them stripped.
  nlohmann::json props = nlohmann::json::object();
  std::vector<std::string> file_ids;
  std::vector<mm_post_version> edits;  // oldest first
  std::vector<mm_reaction> reactions;

  bool deleted() const { return delete_at != 0; }
};

struct mm_ephemeral {
  std::string id, to_user, from_user, channel_id, root_id, message;
  nlohmann::json props = nlohmann::json::object();
  std::int64_t create_at = 0;
};

struct mm_channel {
  std::string id, team_id, name, display_name, type = "O", header, purpose, creator_id;
  std::int64_t create_at = 0;
  std::set<std::string> members;  // user ids
  std::deque<mm_post> posts;      // creation order; a deque keeps references stable on append
  std::vector<mm_ephemeral> ephemeral;
};

}  // namespace chatsim
