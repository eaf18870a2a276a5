// Role: implementation of channel changes and the websocket events they emit.
#include "mattermost_publish.hpp"

#include <algorithm>
#include <cctype>

#include "mattermost_json.hpp"
#include "mattermost_state.hpp"

namespace chatsim {
namespace {

using nlohmann::json;

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
}

mm_event post_event(const char* name, const mattermost_state& mm, const mm_post& p) {
  mm_event e;
  e.name = name;
  e.channel_id = p.channel_id;
  e.data["post"] = mm_post_json(mm.ws, p).dump();  // a JSON string inside the JSON event
  return e;
}

}  // namespace

std::string mm_post_type(const std::string& current, const json& props) {
  if (!current.empty() && current != "slack_attachment") return current;
  bool attachments = props.is_object() && props.contains("attachments") &&
                     props["attachments"].is_array() && !props["attachments"].empty();
  return attachments ? "slack_attachment" : "";
}

std::set<std::string> mm_mentioned_users(const mm_workspace& ws, const mm_channel& ch,
                                         std::string_view message) {
  std::set<std::string> out;
  for (std::size_t i = 0; i < message.size(); ++i) {
    if (message[i] != '@' || (i > 0 && name_char(message[i - 1]))) continue;
    std::size_t end = i + 1;
    while (end < message.size() && name_char(message[end])) ++end;
    std::string name(message.substr(i + 1, end - i - 1));
    while (!name.empty() && name.back() == '.') name.pop_back();  // "@alice." ends a sentence
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name == "channel" || name == "all" || name == "here") {
      out.insert(ch.members.begin(), ch.members.end());
    } else if (const mm_user* u = ws.find_user(name); u && !name.empty()) {
      out.insert(u->id);
    }
  }
  return out;
}

mm_post& publish_post(mattermost_state& mm, mm_channel& ch, mm_post p, bool set_online) {
  const mm_user* author = mm.ws.find_user(p.user_id);
  if (!p.props.is_object()) p.props = json::object();
  if (author && author->is_bot) p.props["from_bot"] = "true";
  p.type = mm_post_type(p.type, p.props);
  mm_post& stored = mm.ws.append(ch, std::move(p));
  mm_event e = post_event("posted", mm, stored);
  std::string sender = "@" + mm.ws.username(stored.user_id);
  bool direct = ch.type == "D";
  e.data["channel_type"] = ch.type;
  // A DM has no display name of its own; the event names it after the sender (GetChannelName).
  e.data["channel_display_name"] = direct ? sender : ch.display_name;
  e.data["channel_name"] = ch.name;
  e.data["sender_name"] = sender;
  e.data["team_id"] = ch.team_id;
  e.data["set_online"] = set_online;
  e.mentioned = mm_mentioned_users(mm.ws, ch, stored.message);
  // Every post in a DM notifies the other side, named or not (DMMention).
  if (direct) e.mentioned.insert(ch.members.begin(), ch.members.end());
  e.mentioned.erase(stored.user_id);  // nobody is notified of their own post
  mm.hub.publish(e);
  return stored;
}

void publish_edit(mattermost_state& mm, mm_post& p, const std::function<void(mm_post&)>& change) {
  std::int64_t now = mm.ws.now_millis();
  p.edits.push_back({p.message, p.props, now});
  change(p);
  if (!p.props.is_object()) p.props = json::object();
  const mm_user* author = mm.ws.find_user(p.user_id);
  if (author && author->is_bot) p.props["from_bot"] = "true";
  p.type = mm_post_type(p.type, p.props);
  p.edit_at = p.update_at = now;
  mm.hub.publish(post_event("post_edited", mm, p));
}

void publish_delete(mattermost_state& mm, mm_post& p, const std::string& by_user) {
  p.delete_at = p.update_at = mm.ws.now_millis();
  mm_event e = post_event("post_deleted", mm, p);
  e.data["delete_by"] = by_user;
  mm.hub.publish(e);
}

bool publish_reaction(mattermost_state& mm, mm_post& p, const std::string& user_id,
                      const std::string& emoji_name, bool add) {
  auto it = std::find_if(p.reactions.begin(), p.reactions.end(), [&](const mm_reaction& r) {
    return r.user_id == user_id && r.emoji_name == emoji_name;
  });
  if ((it != p.reactions.end()) == add) return false;
  mm_reaction changed = add ? mm_reaction{user_id, emoji_name, mm.ws.now_millis()} : *it;
  if (add) {
    p.reactions.push_back(changed);
  } else {
    p.reactions.erase(it);
  }
  p.update_at = mm.ws.now_millis();
  mm_event e;
  e.name = add ? "reaction_added" : "reaction_removed";
  e.channel_id = p.channel_id;
  e.data["reaction"] = mm_reaction_json(changed, p).dump();
  mm.hub.publish(e);
  return true;
}

mm_ephemeral& publish_ephemeral(mattermost_state& mm, mm_channel& ch, mm_ephemeral e) {
  mm_ephemeral& stored = mm.ws.append_ephemeral(ch, std::move(e));
  mm_event event;
  event.name = "ephemeral_message";
  event.user_id = stored.to_user;
  event.channel_id = stored.channel_id;
  event.data["post"] = mm_ephemeral_json(stored).dump();
  mm.hub.publish(event);
  return stored;
}

}  // namespace chatsim
