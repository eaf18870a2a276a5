// Role: every change the bot or a simulated person makes to a Mattermost channel goes through
// here, so the workspace changes and connected sockets hear about it as Mattermost tells them
// (posted, post_edited, post_deleted, reaction_added / reaction_removed).
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "mattermost_model.hpp"

namespace chatsim {

struct mattermost_state;
class mm_workspace;

// "slack_attachment" when props carry attachments, else "" (other types are kept).
std::string mm_post_type(const std::string& current, const nlohmann::json& props);
// Users a message mentions (@name of a known user; @channel, @all, @here: every member).
std::set<std::string> mm_mentioned_users(const mm_workspace& ws, const mm_channel& ch,
                                         std::string_view message);

// Stores a new post (id, times, type, props.from_bot for bots) and emits `posted`; in a direct
// channel the event is named after the sender and mentions the other member.
mm_post& publish_post(mattermost_state& mm, mm_channel& ch, mm_post p, bool set_online = true);
// Keeps the current message and props in the history, applies `change`, sets edit_at and
// update_at, and emits `post_edited`.
void publish_edit(mattermost_state& mm, mm_post& p, const std::function<void(mm_post&)>& change);
void publish_delete(mattermost_state& mm, mm_post& p, const std::string& by_user);
// False when there was nothing to do (already reacted / no such reaction).
bool publish_reaction(mattermost_state& mm, mm_post& p, const std::string& user_id,
                      const std::string& emoji_name, bool add);
// Stored for the readback; Mattermost sends it only to that user's sockets (never the bot's).
mm_ephemeral& publish_ephemeral(mattermost_state& mm, mm_channel& ch, mm_ephemeral e);

}  // namespace chatsim
