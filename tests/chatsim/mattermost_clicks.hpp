// Role: a person clicking an interactive button (POST /_sim/mattermost/click): chatsim POSTs the
// action's stored integration context to its URL as Mattermost does, then applies the answer's
// `update` to the post and records `ephemeral_text` (protocols.md B7).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "http_types.hpp"

namespace chatsim {

struct mattermost_state;

// Body: {user, channel, post_id, action_id, selected_option?, wait_ms?}. Answer: {status,
// response, ephemeral_text, trigger_id, post, error?}.
boost::asio::awaitable<http_reply> run_click(mattermost_state& mm, const nlohmann::json& body);

}  // namespace chatsim
