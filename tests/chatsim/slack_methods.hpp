// Role: the Slack Web API methods chatsim implements, each a function from parsed arguments to
// a reply; slack_web_api.cpp holds the table that maps names and token types to them.
#pragma once

#include <nlohmann/json.hpp>

#include "http_types.hpp"

namespace chatsim {

struct slack_state;

struct api_call {
  slack_state& slack;
  const nlohmann::json& args;
};

// slack_chat_methods.cpp
http_reply chat_post_message(api_call& call);
http_reply chat_update(api_call& call);
http_reply chat_post_ephemeral(api_call& call);
http_reply chat_delete(api_call& call);
http_reply reactions_add(api_call& call);

// slack_read_methods.cpp
http_reply auth_test(api_call& call);
http_reply apps_connections_open(api_call& call);
http_reply conversations_history(api_call& call);
http_reply conversations_replies(api_call& call);
http_reply users_info(api_call& call);

// slack_channel_methods.cpp
http_reply conversations_info(api_call& call);
http_reply conversations_list(api_call& call);
http_reply conversations_join(api_call& call);
http_reply conversations_create(api_call& call);
http_reply conversations_invite(api_call& call);

// slack_file_methods.cpp
http_reply files_get_upload_url_external(api_call& call);
http_reply files_complete_upload_external(api_call& call);

// slack_ims.cpp
http_reply conversations_open(api_call& call);

}  // namespace chatsim
