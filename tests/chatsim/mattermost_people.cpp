// Role: implementation of people's posts, edits, deletions and reactions.
#include "mattermost_people.hpp"

#include "control_support.hpp"
#include "mattermost_json.hpp"
#include "mattermost_publish.hpp"
#include "mattermost_state.hpp"

namespace chatsim {
namespace {

using nlohmann::json;

// The acting person and the live post named by "post_id", or the reply to answer.
struct person_and_post {
  const mm_user* who = nullptr;
  mm_post* post = nullptr;
  std::optional<http_reply> error;
};

person_and_post resolve(mattermost_state& mm, const json& body, bool own) {
  person_and_post out;
  out.who = mm.ws.find_user(field_string(body, "user"));
  out.post = mm.ws.find_post(field_string(body, "post_id"));
  if (!out.who) {
    out.error = error_reply(400, "unknown user: " + field_string(body, "user"));
  } else if (!out.post || out.post->deleted()) {
    out.error = error_reply(404, "no such post: " + field_string(body, "post_id"));
  } else if (own && out.post->user_id != out.who->id) {
    out.error = error_reply(403, "people can only change their own posts");
  }
  return out;
}

}  // namespace

http_reply mm_person_posts(mattermost_state& mm, const json& body) {
  const mm_user* who = mm.ws.find_user(field_string(body, "user"));
  mm_channel* where = mm.ws.find_channel(field_string(body, "channel"));
  if (!who) return error_reply(400, "unknown user: " + field_string(body, "user"));
  if (!where) return error_reply(400, "unknown channel: " + field_string(body, "channel"));
  if (!where->members.contains(who->id)) return error_reply(403, who->username + " is not in ~" + where->name);
  mm_post p;
  p.user_id = who->id;
  p.message = field_string(body, "message");
  p.root_id = field_string(body, "root_id");
  if (body.contains("props") && body["props"].is_object()) p.props = body["props"];
  if (!p.root_id.empty()) {
    const mm_post* root = mm.ws.find_post(p.root_id);
    if (!root || root->deleted() || root->channel_id != where->id || !root->root_id.empty()) {
      return error_reply(400, "root_id is not a live top-level post in ~" + where->name);
    }
  }
  p.pending_post_id = who->id + ":" + std::to_string(mm.ws.now_millis());
  mm_post& stored = publish_post(mm, *where, std::move(p));
  return json_reply({{"ok", true}, {"post", mm_post_json(mm.ws, stored)}});
}

http_reply mm_person_edits(mattermost_state& mm, const json& body) {
  auto target = resolve(mm, body, true);
  if (target.error) return *target.error;
  std::string message = field_string(body, "message");
  publish_edit(mm, *target.post, [&message](mm_post& p) { p.message = message; });
  return json_reply({{"ok", true}, {"post", mm_post_json(mm.ws, *target.post)}});
}

http_reply mm_person_deletes(mattermost_state& mm, const json& body) {
  auto target = resolve(mm, body, true);
  if (target.error) return *target.error;
  publish_delete(mm, *target.post, target.who->id);
  return json_reply({{"ok", true}, {"post_id", target.post->id}});
}

http_reply mm_person_reacts(mattermost_state& mm, const json& body) {
  auto target = resolve(mm, body, false);
  if (target.error) return *target.error;
  std::string emoji = field_string(body, "emoji_name");
  if (emoji.empty()) emoji = field_string(body, "reaction");
  while (!emoji.empty() && emoji.front() == ':') emoji.erase(0, 1);
  while (!emoji.empty() && emoji.back() == ':') emoji.pop_back();
  if (emoji.empty()) return error_reply(400, "need \"emoji_name\"");
  bool add = !(body.contains("remove") && body["remove"] == true);
  if (!publish_reaction(mm, *target.post, target.who->id, emoji, add)) {
    return error_reply(409, add ? "already reacted" : "no such reaction");
  }
  return json_reply({{"ok", true},
                     {"reaction", {{"user_id", target.who->id}, {"post_id", target.post->id},
                                   {"emoji_name", emoji}, {"removed", !add}}}});
}

}  // namespace chatsim
