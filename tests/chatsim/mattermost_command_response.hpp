// Role: what Mattermost does with an integration's answer to a slash command (the command's
// HTTP response or a POST to its response_url): CommandResponse parsing, Slack-style link
// translation, and in_channel posts / ephemeral posts (protocols.md B6).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace chatsim {

struct mattermost_state;

// Where a command ran: replies go there.
struct mm_reply_target {
  std::string channel_id, user_id, root_id, trigger;  // trigger without the slash
};

struct mm_reply_outcome {
  nlohmann::json posted = nullptr;     // the first in_channel post (client view), if any
  nlohmann::json ephemeral = nullptr;  // the first ephemeral post, if any
  std::string error;                   // set when Mattermost would refuse the response
};

// JSON for an application/json content type (nullopt when it does not parse as an object),
// otherwise the whole body as {"text": body}.
std::optional<nlohmann::json> mm_parse_command_response(std::string_view content_type,
                                                        const std::string& body);
// Applies a CommandResponse and its extra_responses.
mm_reply_outcome mm_apply_command_response(mattermost_state& mm, const mm_reply_target& target,
                                           const nlohmann::json& response);
// Records what the user sees when the command fails: "Command with a trigger of '/x' failed".
nlohmann::json mm_command_failed(mattermost_state& mm, const mm_reply_target& target);
// Slack-style markup Mattermost translates unless skip_slack_parsing: <url|text> -> [text](url),
// <!channel> / <!here> / <!all> -> @channel / @here / @all.
std::string mm_slack_to_markdown(std::string_view text);

}  // namespace chatsim
