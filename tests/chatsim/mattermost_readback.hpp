// Role: what the control API shows of the Mattermost workspace: a channel's posts oldest first
// (client view plus user_name, edit history, reactions) and its ephemeral posts, a person's DM
// with the bot read the same way, the users and the channels.
#pragma once

#include <nlohmann/json.hpp>

#include "mattermost_workspace.hpp"

namespace chatsim {

nlohmann::json mm_readback_channel(const mm_workspace& ws, const mm_channel& ch);
// `dm` is the person's direct channel with the bot, or nullptr before the first DM (then the
// channel is null and the lists are empty).
nlohmann::json mm_readback_dm(const mm_workspace& ws, const mm_user& person, const mm_channel* dm);
// Every direct channel the bot is in: {dms:[{user:{id, username}, channel:{id, name}}]}.
nlohmann::json mm_readback_dms(const mm_workspace& ws);
nlohmann::json mm_readback_users(const mm_workspace& ws);
nlohmann::json mm_readback_channels(const mm_workspace& ws);

}  // namespace chatsim
