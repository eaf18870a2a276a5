// Role: Slack's direct messages (IMs, channel ids D…) as the Web API and payloads show them:
// a user id where chat.postMessage expects a channel, the IM conversation object, and the
// channel name interaction payloads give an IM. conversations.open is in slack_ims.cpp too.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "workspace.hpp"

namespace chatsim {

// A channel id or name, or a person's user id (U…/W…): Slack then posts into the bot's IM with
// that person, opening it first. nullptr when neither (or the bot's own id: chatsim has no
// self-DM).
channel* resolve_post_channel(workspace& ws, const std::string& channel_arg);

// The IM object of conversations.info and conversations.open with return_im.
nlohmann::json im_json(const workspace& ws, const channel& im);

// "directmessage" for IMs, as Slack names them in slash command and block_actions payloads.
std::string payload_channel_name(const channel& ch);

}  // namespace chatsim
