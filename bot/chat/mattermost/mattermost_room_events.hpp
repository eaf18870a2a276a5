// Mattermost's websocket events (posted, post_edited, post_deleted, reaction_added,
// reaction_removed) and thread PostLists as room events and room messages for the timeline.
// Pure functions over the shapes of real frames (protocols.md B3, B4): `post` and `reaction`
// arrive as JSON strings inside the event. The user is left as the Mattermost user id; the
// adapter turns it into the username that people[].mattermost names.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/room_event.hpp"

namespace oncall {

struct mattermost_room_context {
  std::string own_user_id;  // GET /users/me: the bot's own posts are left out
  std::string server_url;   // for links to attached files
  std::string session;      // connection_id, for reaction events that carry no time
};

// A websocket event frame as a room event; nullopt for other events and for posts the timeline
// does not keep (the bot's own, system messages, webhook and command output).
std::optional<room_event> mattermost_room_event(const nlohmann::json& frame,
                                                const mattermost_room_context& ctx);

// A post as the timeline keeps it; nullopt as for mattermost_room_event.
std::optional<room_message> mattermost_room_message(const nlohmann::json& post,
                                                    const mattermost_room_context& ctx);

// The replies below `root_id` in a PostList (GET /posts/{id}/thread), oldest first, deleted
// ones and the root left out.
std::vector<nlohmann::json> mattermost_thread_replies(const nlohmann::json& post_list,
                                                      const std::string& root_id);
// The posts of a PostList page (GET /channels/{id}/posts) that are not deleted, unordered.
std::vector<nlohmann::json> mattermost_live_posts(const nlohmann::json& post_list);

}  // namespace oncall
