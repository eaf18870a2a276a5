// Mattermost post and reaction events into room events (protocols.md B3, B4).
#include "bot/chat/mattermost/mattermost_room_events.hpp"
#include "bot/chat/json_text.hpp"

#include <algorithm>

namespace oncall {

namespace {

using nlohmann::json;

std::int64_t millis(const json& j, const char* key) {
  if (!j.is_object()) return 0;
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

// `post` and `reaction` are JSON strings inside the event's data (decode twice).
json embedded(const json& frame, const char* key) {
  auto data = frame.find("data");
  if (data == frame.end() || !data->is_object()) return json();
  auto text = data->find(key);
  if (text == data->end()) return json();
  if (text->is_object()) return *text;  // tolerate a server that sends the object itself
  if (!text->is_string()) return json();
  return json::parse(text->get<std::string>(), nullptr, false);
}

// Attached files as links after the text: names from metadata.files when the server sent them.
std::string with_files(std::string text, const json& post, const std::string& server_url) {
  std::vector<std::pair<std::string, std::string>> files;  // id, name
  if (auto meta = post.find("metadata"); meta != post.end() && meta->is_object()) {
    if (auto list = meta->find("files"); list != meta->end() && list->is_array()) {
      for (const auto& f : *list) files.emplace_back(json_string(f, "id"), json_string(f, "name"));
    }
  }
  if (auto ids = post.find("file_ids"); files.empty() && ids != post.end() && ids->is_array()) {
    for (const auto& id : *ids) {
      if (id.is_string()) files.emplace_back(id.get<std::string>(), "");
    }
  }
  for (const auto& [id, name] : files) {
    if (id.empty()) continue;
    if (!text.empty()) text += "\n";
    text += "[file: " + (name.empty() ? std::string("attachment") : name) + "] " + server_url +
            "/api/v4/files/" + id;
  }
  return text;
}

// metadata.reactions lists the reactions; no metadata at all means the server did not say.
std::optional<bool> has_pushpin(const json& post) {
  auto meta = post.find("metadata");
  if (meta == post.end() || !meta->is_object()) return std::nullopt;
  auto reactions = meta->find("reactions");
  if (reactions == meta->end() || !reactions->is_array()) return false;
  return std::any_of(reactions->begin(), reactions->end(),
                     [](const json& r) { return json_string(r, "emoji_name") == key_event_emoji; });
}

std::optional<room_event> reaction_event(const json& frame, const std::string& type,
                                         const mattermost_room_context& ctx) {
  json reaction = embedded(frame, "reaction");
  if (json_string(reaction, "emoji_name") != key_event_emoji) return std::nullopt;
  room_event ev;
  ev.what = type == "reaction_added" ? room_event::kind::pinned : room_event::kind::unpinned;
  ev.message.ref = json_string(reaction, "post_id");
  ev.message.user = json_string(reaction, "user_id");
  ev.channel = json_string(reaction, "channel_id");
  if (ev.channel.empty()) ev.channel = json_string(frame.value("broadcast", json::object()), "channel_id");
  std::int64_t stamp = std::max({millis(reaction, "create_at"), millis(reaction, "update_at"),
                                 millis(reaction, "delete_at")});
  ev.message.at = from_millis(stamp);
  // A reaction has no id; its times tell a second pin from a replay of the first. Servers that
  // send none get the event's place in the websocket session, which a resumption replays as is.
  std::string when = stamp > 0 ? std::to_string(stamp)
                               : ctx.session + "#" + std::to_string(frame.value("seq", std::int64_t{-1}));
  ev.delivery_id = "mattermost:" + type + ":" + ev.message.ref + ":" + ev.message.user + ":" +
                   key_event_emoji + ":" + when;
  if (ev.channel.empty() || ev.message.ref.empty()) return std::nullopt;
  return ev;
}

}  // namespace

std::optional<room_message> mattermost_room_message(const json& post,
                                                    const mattermost_room_context& ctx) {
  if (!post.is_object()) return std::nullopt;
  room_message m;
  m.ref = json_string(post, "id");
  m.user = json_string(post, "user_id");
  if (m.ref.empty() || m.user.empty() || m.user == ctx.own_user_id) return std::nullopt;
  // system_join_channel and the like; slack_attachment posts are people's or integrations'.
  if (json_string(post, "type").starts_with("system_")) return std::nullopt;
  const json props = post.value("props", json::object());
  // Webhook posts and slash-command responses are integration output, not people talking.
  if (props.is_object() && json_string(props, "from_webhook") == "true") return std::nullopt;
  m.at = from_millis(millis(post, "create_at"));
  m.text = with_files(json_string(post, "message"), post, ctx.server_url);
  m.pinned = has_pushpin(post);
  return m;
}

std::optional<room_event> mattermost_room_event(const json& frame, const mattermost_room_context& ctx) {
  if (!frame.is_object()) return std::nullopt;
  auto type = json_string(frame, "event");
  if (type == "reaction_added" || type == "reaction_removed") return reaction_event(frame, type, ctx);
  if (type != "posted" && type != "post_edited" && type != "post_deleted") return std::nullopt;
  json post = embedded(frame, "post");
  auto m = mattermost_room_message(post, ctx);
  if (!m) return std::nullopt;
  room_event ev;
  ev.channel = json_string(post, "channel_id");
  ev.thread_ref = json_string(post, "root_id");
  ev.message = *m;
  // Mattermost events carry no delivery id: the post id and what happened to it (an edit by
  // its time) name the change, whichever session or back-fill brings it.
  ev.delivery_id = "mattermost:" + type + ":" + m->ref;
  if (type == "posted") {
    ev.what = room_event::kind::posted;
  } else if (type == "post_edited") {
    ev.what = room_event::kind::edited;
    ev.delivery_id += ":" + std::to_string(millis(post, "edit_at"));
  } else {
    ev.what = room_event::kind::deleted;
  }
  if (ev.channel.empty()) return std::nullopt;
  return ev;
}

std::vector<json> mattermost_live_posts(const json& post_list) {
  std::vector<json> out;
  auto posts = post_list.find("posts");
  if (posts == post_list.end() || !posts->is_object()) return out;
  for (const auto& [id, post] : posts->items()) {
    if (millis(post, "delete_at") == 0) out.push_back(post);
  }
  return out;
}

std::vector<json> mattermost_thread_replies(const json& post_list, const std::string& root_id) {
  std::vector<json> out;
  auto posts = post_list.find("posts");
  if (posts == post_list.end() || !posts->is_object()) return out;
  for (const auto& [id, post] : posts->items()) {
    if (id == root_id || json_string(post, "root_id") != root_id || millis(post, "delete_at") != 0) continue;
    out.push_back(post);
  }
  // `order` is newest first and the map has no order: sort by creation time, then id.
  std::sort(out.begin(), out.end(), [](const json& a, const json& b) {
    auto ta = millis(a, "create_at"), tb = millis(b, "create_at");
    return ta != tb ? ta < tb : json_string(a, "id") < json_string(b, "id");
  });
  return out;
}

}  // namespace oncall
