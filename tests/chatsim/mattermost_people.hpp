// Role: simulated people writing in Mattermost channels (/_sim/mattermost/message, edit, delete,
// react): each changes the workspace and connected sockets get the matching event.
#pragma once

#include <nlohmann/json.hpp>

#include "http_types.hpp"

namespace chatsim {

struct mattermost_state;

// {user, channel, message, root_id?, props?} -> {ok, post}
http_reply mm_person_posts(mattermost_state& mm, const nlohmann::json& body);
// {user, post_id, message} -> {ok, post}; people may edit only their own posts
http_reply mm_person_edits(mattermost_state& mm, const nlohmann::json& body);
// {user, post_id} -> {ok, post_id}
http_reply mm_person_deletes(mattermost_state& mm, const nlohmann::json& body);
// {user, post_id, emoji_name, remove?} -> {ok, reaction}
http_reply mm_person_reacts(mattermost_state& mm, const nlohmann::json& body);

}  // namespace chatsim
