// Role: the simulated Mattermost server's data, separate from the Slack workspace: team `ops`,
// the people and the bot user, public channels, direct channels, posts and ephemeral posts;
// lookups, ids and a millisecond clock that never repeats. Pure state, no I/O.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mattermost_model.hpp"

namespace chatsim {

using millis_clock = std::function<std::int64_t()>;  // milliseconds since the Unix epoch
std::int64_t system_millis();

// A seeded id: kind letter, name, then '0' up to 26 characters ("ualice000…").
std::string mm_seed_id(char kind, std::string_view name);
bool mm_valid_id(std::string_view id);
// A direct channel's name: the two user ids, smaller first, joined by "__" (GetDMNameFromIds).
std::string mm_direct_name(std::string_view user_a, std::string_view user_b);

class mm_workspace {
 public:
  explicit mm_workspace(millis_clock clock = system_millis);

  const mm_team& team() const { return team_; }
  const mm_user& bot() const { return users_.front(); }
  const std::deque<mm_user>& users() const { return users_; }
  const std::deque<mm_channel>& channels() const { return channels_; }

  const mm_user* find_user(std::string_view id_or_name) const;  // id, "alice" or "@alice"
  std::string username(std::string_view user_id) const;        // the id itself when unknown
  mm_channel* find_channel(std::string_view id_or_name);        // id, "alerts", "~alerts", "#alerts"
  mm_channel* channel_by_id(std::string_view id);
  const mm_channel* channel_by_id(std::string_view id) const;
  // The direct channel (type "D", no team) of two users, created on first use with `first` as
  // its creator; the same channel whichever order they come in. Both may be one user.
  mm_channel& open_direct(const mm_user& first, const mm_user& second);
  mm_channel* find_direct(std::string_view user_a, std::string_view user_b);
  // A new team channel (POST /channels): stored as given, with a fresh id and create_at.
  mm_channel& create_channel(mm_channel ch);
  mm_post* find_post(std::string_view id);  // deleted posts too
  const mm_post* find_post(std::string_view id) const;

  // Stores `p` in `ch` with a fresh id and create_at/update_at; returns the stored post.
  mm_post& append(mm_channel& ch, mm_post p);
  mm_ephemeral& append_ephemeral(mm_channel& ch, mm_ephemeral e);
  // The root and its live replies, oldest first (`post_id` may name the root or a reply).
  std::vector<const mm_post*> thread(std::string_view post_id) const;
  // Live replies in the thread of `p` and the newest reply's create_at.
  std::pair<int, std::int64_t> reply_stats(const mm_post& p) const;

  std::int64_t now_millis();  // strictly increasing
  std::string new_id();       // 26 random characters of Mattermost's id alphabet

 private:
  void add_user(std::string name, bool is_bot);
  void add_channel(std::string name);

  millis_clock clock_;
  std::int64_t last_millis_ = 0;
  std::mt19937_64 rng_;
  mm_team team_;
  std::deque<mm_user> users_;
  std::deque<mm_channel> channels_;
  std::unordered_map<std::string, mm_post*> posts_by_id_;
};

}  // namespace chatsim
