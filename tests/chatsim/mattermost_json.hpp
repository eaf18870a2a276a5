// Role: how the simulated Mattermost server shows its objects to clients: User, Team, Channel,
// Post (action integrations stripped), PostList, Reaction and the AppError body.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "mattermost_workspace.hpp"

namespace chatsim {

inline constexpr std::string_view mm_server_version = "9.11.0.9.11.0.chatsim.false";
inline constexpr std::string_view mm_version = "9.11.0";

nlohmann::json mm_user_json(const mm_user& u);
nlohmann::json mm_team_json(const mm_team& t);
nlohmann::json mm_channel_json(const mm_channel& ch);
// props.attachments[].actions[].integration removed (Mattermost's StripActionIntegrations).
nlohmann::json strip_action_integrations(nlohmann::json props);
// A post as clients see it, in REST answers and websocket events.
nlohmann::json mm_post_json(const mm_workspace& ws, const mm_post& p);
nlohmann::json mm_ephemeral_json(const mm_ephemeral& e);
nlohmann::json mm_reaction_json(const mm_reaction& r, const mm_post& p);

// PostList: `order` as given (newest first), `posts` keyed by id (plus `extra` posts that are
// in the map but not in the order, such as thread roots of replies on the page).
struct mm_post_page {
  std::vector<const mm_post*> order;
  std::vector<const mm_post*> extra;
  std::string next_post_id, prev_post_id;
};
nlohmann::json mm_post_list_json(const mm_workspace& ws, const mm_post_page& page);

// The AppError body every 4xx/5xx carries.
nlohmann::json mm_error_json(std::string_view id, std::string_view message, int status,
                             std::string_view request_id);

}  // namespace chatsim
