// Role: what a Mattermost REST v4 handler gets (the authenticated caller, the route's {…}
// parameters, query and body access, AppError replies) and the handlers the route table in
// mattermost_rest.cpp names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "http_types.hpp"

namespace chatsim {

struct mattermost_state;
struct mm_user;

struct mm_rest_call {
  mattermost_state& mm;
  const http_request& request;
  std::vector<std::string> params;  // the route's {…} segments, percent-decoded, in order
  const mm_user& caller;
  std::string request_id;

  std::optional<std::string> query(std::string_view name) const;
  std::optional<nlohmann::json> body_object() const;  // nullopt unless a JSON object
  http_reply error(int status, std::string_view id, std::string_view message) const;
  // 400 "Invalid or missing <name> in request URL/body."
  http_reply invalid_url_param(std::string_view name) const;
  http_reply invalid_body_param(std::string_view name) const;
  http_reply forbidden() const;
};

using mm_rest_handler = http_reply (*)(mm_rest_call&);

// Users, teams, channels (mattermost_rest_read.cpp).
http_reply mm_get_me(mm_rest_call& c);
http_reply mm_get_user(mm_rest_call& c);
http_reply mm_get_user_by_username(mm_rest_call& c);
http_reply mm_get_team_by_name(mm_rest_call& c);
http_reply mm_get_channel_by_name(mm_rest_call& c);
http_reply mm_get_channel(mm_rest_call& c);
// Team channels and their members (mattermost_rest_channels.cpp).
http_reply mm_create_channel(mm_rest_call& c);
http_reply mm_add_channel_member(mm_rest_call& c);
// Direct channels (mattermost_rest_direct.cpp).
http_reply mm_create_direct_channel(mm_rest_call& c);
// Reading posts (mattermost_rest_lists.cpp).
http_reply mm_get_channel_posts(mm_rest_call& c);
http_reply mm_get_post(mm_rest_call& c);
http_reply mm_get_thread(mm_rest_call& c);
// Writing posts and reactions (mattermost_rest_posts.cpp).
http_reply mm_create_post(mm_rest_call& c);
http_reply mm_create_ephemeral(mm_rest_call& c);
http_reply mm_patch_post(mm_rest_call& c);
http_reply mm_update_post(mm_rest_call& c);
http_reply mm_delete_post(mm_rest_call& c);
http_reply mm_save_reaction(mm_rest_call& c);
http_reply mm_delete_reaction(mm_rest_call& c);

}  // namespace chatsim
