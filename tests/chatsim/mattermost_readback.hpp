// Role: what the control API shows of the Mattermost workspace: a channel's posts oldest first
// (client view plus user_name, edit history, reactions) and its ephemeral posts, the users and
// the channels.
#pragma once

#include <nlohmann/json.hpp>

#include "mattermost_workspace.hpp"

namespace chatsim {

nlohmann::json mm_readback_channel(const mm_workspace& ws, const mm_channel& ch);
nlohmann::json mm_readback_users(const mm_workspace& ws);
nlohmann::json mm_readback_channels(const mm_workspace& ws);

}  // namespace chatsim
