// Role: every change the bot or a simulated person makes to a channel goes through here, so the
// workspace changes and the bot hears about it as Slack would tell it (events_api envelopes).
#pragma once

#include <optional>
#include <string>

#include "workspace.hpp"

namespace chatsim {

struct slack_state;

message& publish_message(slack_state& slack, channel& ch, message m);
// Replaces the content, keeps the old version in the history, emits message_changed.
void publish_edit(slack_state& slack, channel& ch, message& m, message_content updated,
                  const std::string& editor);
void publish_delete(slack_state& slack, channel& ch, message& m);
// Returns "already_reacted" when `user_id` already has this reaction on the message.
std::optional<std::string> publish_reaction(slack_state& slack, channel& ch, message& m,
                                            const std::string& user_id, const std::string& name);
// Takes `user_id`'s reaction away (reaction_removed); "no_reaction" when there is none.
std::optional<std::string> publish_unreaction(slack_state& slack, channel& ch, message& m,
                                              const std::string& user_id, const std::string& name);
// Ephemeral messages are stored for the readback but never reach the bot as events.
std::string publish_ephemeral(slack_state& slack, channel& ch, ephemeral_message e);

}  // namespace chatsim
