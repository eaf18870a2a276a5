// Role: REST v4 writes: create (201), patch (partial), update (full: omitted fields cleared),
// delete, ephemeral posts and reactions. The bot may change only its own posts.
#include <algorithm>
#include <cctype>
#include <variant>

#include "mattermost_json.hpp"
#include "mattermost_publish.hpp"
#include "mattermost_rest_calls.hpp"
#include "mattermost_state.hpp"

namespace chatsim {
namespace {

using nlohmann::json;

constexpr std::size_t max_message_runes = 16383;
constexpr std::size_t max_file_ids = 5;

std::size_t utf8_runes(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool valid_emoji_name(const std::string& name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](unsigned char c) {
           return std::islower(c) || std::isdigit(c) || c == '_' || c == '-' || c == '+';
         });
}

// Checks the post fields a body may carry; the name of the first bad one, or "".
std::string bad_post_field(const json& body) {
  for (const char* key : {"message", "root_id", "pending_post_id"}) {
    if (body.contains(key) && !body[key].is_string() && !body[key].is_null()) return key;
  }
  if (body.contains("props") && !body["props"].is_object() && !body["props"].is_null()) return "props";
  if (body.contains("is_pinned") && !body["is_pinned"].is_boolean()) return "is_pinned";
  if (body.contains("file_ids") && !body["file_ids"].is_null()) {
    const json& ids = body["file_ids"];
    if (!ids.is_array() || ids.size() > max_file_ids ||
        !std::all_of(ids.begin(), ids.end(), [](const json& id) { return id.is_string(); })) {
      return "file_ids";
    }
  }
  if (body.contains("message") && body["message"].is_string() &&
      utf8_runes(body["message"].get<std::string>()) > max_message_runes) {
    return "message";
  }
  return "";
}

std::string text_of(const json& body, const char* key) {
  return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : "";
}

std::vector<std::string> file_ids_of(const json& body) {
  return body.contains("file_ids") && body["file_ids"].is_array()
             ? body["file_ids"].get<std::vector<std::string>>()
             : std::vector<std::string>{};
}

// The caller's own live post named by the path, or the error to answer.
std::variant<mm_post*, http_reply> own_post(mm_rest_call& c) {
  if (!mm_valid_id(c.params[0])) return c.invalid_url_param("post_id");
  mm_post* p = c.mm.ws.find_post(c.params[0]);
  if (!p || p->deleted()) return c.error(404, "app.post.get.app_error", "Unable to get the post.");
  if (p->user_id != c.caller.id) return c.forbidden();
  return p;
}

}  // namespace

http_reply mm_create_post(mm_rest_call& c) {
  auto body = c.body_object();
  if (!body) return c.invalid_body_param("post");
  std::string channel_id = text_of(*body, "channel_id");
  if (!mm_valid_id(channel_id)) return c.invalid_body_param("channel_id");
  if (auto bad = bad_post_field(*body); !bad.empty()) {
    if (bad == "message") {
      return c.error(400, "model.post.is_valid.message_length.app_error",
                     "Post Message property is longer than the maximum permitted length.");
    }
    return c.invalid_body_param(bad);
  }
  mm_channel* ch = c.mm.ws.channel_by_id(channel_id);
  if (!ch || !ch->members.contains(c.caller.id)) return c.forbidden();
  mm_post p;
  p.user_id = c.caller.id;
  p.root_id = text_of(*body, "root_id");
  if (!p.root_id.empty()) {
    const mm_post* root = c.mm.ws.find_post(p.root_id);
    if (!root || root->deleted() || root->channel_id != ch->id || !root->root_id.empty()) {
      return c.error(400, "api.post.create_post.root_id.app_error", "Invalid RootId parameter.");
    }
  }
  p.message = text_of(*body, "message");
  p.pending_post_id = text_of(*body, "pending_post_id");
  p.type = text_of(*body, "type");
  if (body->contains("props") && (*body)["props"].is_object()) p.props = (*body)["props"];
  auto wanted_files = file_ids_of(*body);
  bool set_online = c.query("set_online").value_or("true") != "false";
  // The post's id is known only once stored; files are attached before it is published, so
  // the posted event already shows them.
  p.id = c.mm.ws.new_id();
  p.file_ids = c.mm.files.attach(wanted_files, c.caller.id, ch->id, p.id);
  mm_post& stored = publish_post(c.mm, *ch, std::move(p), set_online);
  return json_reply(mm_post_json(c.mm.ws, stored), 201);
}

http_reply mm_patch_post(mm_rest_call& c) {
  auto found = own_post(c);
  if (auto* reply = std::get_if<http_reply>(&found)) return *reply;
  mm_post* p = std::get<mm_post*>(found);
  auto body = c.body_object();
  if (!body) return c.invalid_body_param("patch");
  if (auto bad = bad_post_field(*body); !bad.empty()) return c.invalid_body_param(bad);
  publish_edit(c.mm, *p, [&body](mm_post& post) {
    if (body->contains("message") && (*body)["message"].is_string()) post.message = (*body)["message"];
    if (body->contains("props") && (*body)["props"].is_object()) post.props = (*body)["props"];
    if (body->contains("file_ids") && (*body)["file_ids"].is_array()) post.file_ids = file_ids_of(*body);
    if (body->contains("is_pinned")) post.is_pinned = (*body)["is_pinned"].get<bool>();
  });
  return json_reply(mm_post_json(c.mm.ws, *p));
}

http_reply mm_update_post(mm_rest_call& c) {
  auto body = c.body_object();
  if (!body) return c.invalid_body_param("post");
  if (text_of(*body, "id") != c.params[0]) return c.invalid_body_param("id");
  auto found = own_post(c);
  if (auto* reply = std::get_if<http_reply>(&found)) return *reply;
  mm_post* p = std::get<mm_post*>(found);
  if (auto bad = bad_post_field(*body); !bad.empty()) return c.invalid_body_param(bad);
  // A full update: whatever the body leaves out is cleared.
  publish_edit(c.mm, *p, [&body](mm_post& post) {
    post.message = text_of(*body, "message");
    post.props = body->contains("props") && (*body)["props"].is_object() ? (*body)["props"] : json::object();
    post.file_ids = file_ids_of(*body);
    post.is_pinned = body->value("is_pinned", false);
  });
  return json_reply(mm_post_json(c.mm.ws, *p));
}

http_reply mm_delete_post(mm_rest_call& c) {
  auto found = own_post(c);
  if (auto* reply = std::get_if<http_reply>(&found)) return *reply;
  publish_delete(c.mm, *std::get<mm_post*>(found), c.caller.id);
  return json_reply({{"status", "OK"}});
}

http_reply mm_create_ephemeral(mm_rest_call& c) {
  auto body = c.body_object();
  if (!body) return c.invalid_body_param("ephemeral_post");
  std::string user_id = text_of(*body, "user_id");
  const mm_user* to = c.mm.ws.find_user(user_id);
  if (!mm_valid_id(user_id) || !to) return c.invalid_body_param("user_id");
  if (!body->contains("post") || !(*body)["post"].is_object()) return c.invalid_body_param("post");
  const json& post = (*body)["post"];
  if (auto bad = bad_post_field(post); !bad.empty()) return c.invalid_body_param(bad);
  mm_channel* ch = c.mm.ws.channel_by_id(text_of(post, "channel_id"));
  if (!ch || !ch->members.contains(c.caller.id)) return c.forbidden();
  mm_ephemeral e;
  e.to_user = to->id;
  e.from_user = c.caller.id;
  e.root_id = text_of(post, "root_id");
  e.message = text_of(post, "message");
  if (post.contains("props") && post["props"].is_object()) e.props = post["props"];
  return json_reply(mm_ephemeral_json(publish_ephemeral(c.mm, *ch, std::move(e))), 201);
}

http_reply mm_save_reaction(mm_rest_call& c) {
  auto body = c.body_object();
  if (!body) return c.invalid_body_param("reaction");
  if (text_of(*body, "user_id") != c.caller.id) {
    return c.error(403, "api.reaction.save_reaction.user_id.app_error",
                   "You cannot save reaction for the other user.");
  }
  std::string post_id = text_of(*body, "post_id"), emoji = text_of(*body, "emoji_name");
  if (!mm_valid_id(post_id)) return c.invalid_body_param("post_id");
  if (!valid_emoji_name(emoji)) return c.invalid_body_param("emoji_name");
  mm_post* p = c.mm.ws.find_post(post_id);
  if (!p || p->deleted()) return c.error(404, "app.post.get.app_error", "Unable to get the post.");
  if (!c.mm.ws.channel_by_id(p->channel_id)->members.contains(c.caller.id)) return c.forbidden();
  publish_reaction(c.mm, *p, c.caller.id, emoji, true);  // saving twice is an upsert
  auto it = std::find_if(p->reactions.begin(), p->reactions.end(), [&](const mm_reaction& r) {
    return r.user_id == c.caller.id && r.emoji_name == emoji;
  });
  return json_reply(mm_reaction_json(*it, *p), 201);
}

http_reply mm_delete_reaction(mm_rest_call& c) {
  if (c.params[0] != c.caller.id) return c.forbidden();
  if (!mm_valid_id(c.params[1])) return c.invalid_url_param("post_id");
  mm_post* p = c.mm.ws.find_post(c.params[1]);
  if (!p || p->deleted()) return c.error(404, "app.post.get.app_error", "Unable to get the post.");
  publish_reaction(c.mm, *p, c.caller.id, c.params[2], false);
  return json_reply({{"status", "OK"}});
}

}  // namespace chatsim
