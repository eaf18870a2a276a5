// Role: implementation of the channel changes and the events they emit.
#include "slack_actions.hpp"

#include <algorithm>

#include "slack_events.hpp"
#include "slack_messages.hpp"
#include "slack_state.hpp"

namespace chatsim {
namespace {

void emit(slack_state& slack, nlohmann::json event) {
  auto& ctx = slack.ctx;
  auto payload = event_callback(ctx.ws.team(), std::move(event), ctx.ids.event_id(),
                                ctx.ws.now_micros() / 1000000);
  slack.envelopes.submit("events_api", std::move(payload), false);
}

// Message events (new, changed, deleted). The app subscribes to message.channels and
// message.groups, not message.im (config/slack-app-manifest.yaml has no im:history), so Slack
// tells it nothing about messages in IMs, its own DMs included.
void emit_message_event(slack_state& slack, const channel& ch, nlohmann::json event) {
  if (!ch.is_im()) emit(slack, std::move(event));
}

}  // namespace

message& publish_message(slack_state& slack, channel& ch, message m) {
  message& stored = slack.ctx.ws.append(ch, std::move(m));
  emit_message_event(slack, ch, message_event(slack.ctx.ws, ch, stored));
  return stored;
}

void publish_edit(slack_state& slack, channel& ch, message& m, message_content updated,
                  const std::string& editor) {
  auto& ws = slack.ctx.ws;
  nlohmann::json previous = slack_message_json(ws, ch, m);
  std::string now = ws.next_ts();
  m.edits.push_back({std::move(m.content), now});
  m.content = std::move(updated);
  m.edited_by = editor;
  m.edited_ts = now;
  emit_message_event(slack, ch, message_changed_event(ws, ch, m, std::move(previous), now));
}

void publish_delete(slack_state& slack, channel& ch, message& m) {
  auto& ws = slack.ctx.ws;
  nlohmann::json previous = slack_message_json(ws, ch, m);
  m.deleted = true;
  emit_message_event(slack, ch, message_deleted_event(ch, std::move(previous), m.ts, ws.next_ts()));
}

std::optional<std::string> publish_reaction(slack_state& slack, channel& ch, message& m,
                                            const std::string& user_id, const std::string& name) {
  auto it = std::find_if(m.reactions.begin(), m.reactions.end(),
                         [&](const reaction& r) { return r.name == name; });
  if (it == m.reactions.end()) it = m.reactions.insert(m.reactions.end(), reaction{name, {}});
  if (std::find(it->users.begin(), it->users.end(), user_id) != it->users.end()) {
    return "already_reacted";
  }
  it->users.push_back(user_id);
  emit(slack, reaction_added_event(ch, m, user_id, name, slack.ctx.ws.next_ts()));
  return std::nullopt;
}

std::optional<std::string> publish_unreaction(slack_state& slack, channel& ch, message& m,
                                              const std::string& user_id, const std::string& name) {
  auto it = std::find_if(m.reactions.begin(), m.reactions.end(),
                         [&](const reaction& r) { return r.name == name; });
  if (it == m.reactions.end()) return "no_reaction";
  auto user = std::find(it->users.begin(), it->users.end(), user_id);
  if (user == it->users.end()) return "no_reaction";
  it->users.erase(user);
  if (it->users.empty()) m.reactions.erase(it);
  emit(slack, reaction_removed_event(ch, m, user_id, name, slack.ctx.ws.next_ts()));
  return std::nullopt;
}

std::string publish_ephemeral(slack_state& slack, channel& ch, ephemeral_message e) {
  e.ts = slack.ctx.ws.next_ts();
  ch.ephemeral.push_back(std::move(e));
  return ch.ephemeral.back().ts;
}

}  // namespace chatsim
