// Role: implementation of the Mattermost JSON views.
#include "mattermost_json.hpp"

namespace chatsim {

using nlohmann::json;

json mm_user_json(const mm_user& u) {
  json out{{"id", u.id},
           {"create_at", u.create_at},
           {"update_at", u.create_at},
           {"delete_at", 0},
           {"username", u.username},
           {"auth_data", ""},
           {"auth_service", ""},
           {"email", u.email},
           {"email_verified", true},
           {"nickname", u.nickname},
           {"first_name", u.first_name},
           {"last_name", u.last_name},
           {"position", ""},
           {"roles", u.roles},
           {"notify_props", {{"channel", "true"}, {"desktop", "mention"}, {"email", "true"},
                             {"mention_keys", ""}, {"push", "mention"}}},
           {"last_password_update", u.create_at},
           {"locale", "en"},
           {"timezone", {{"automaticTimezone", ""}, {"manualTimezone", ""},
                         {"useAutomaticTimezone", "true"}}},
           {"is_bot", u.is_bot},
           {"disable_welcome_email", false}};
  if (u.is_bot) out["bot_description"] = "Pages people, tracks incidents";
  return out;
}

json mm_team_json(const mm_team& t) {
  return {{"id", t.id},
          {"create_at", t.create_at},
          {"update_at", t.create_at},
          {"delete_at", 0},
          {"display_name", t.display_name},
          {"name", t.name},
          {"description", ""},
          {"email", ""},
          {"type", "O"},
          {"company_name", ""},
          {"allowed_domains", ""},
          {"invite_id", mm_seed_id('i', t.name)},
          {"allow_open_invite", true},
          {"scheme_id", nullptr},
          {"group_constrained", nullptr},
          {"policy_id", nullptr}};
}

json mm_channel_json(const mm_channel& ch) {
  std::int64_t last_post_at = ch.create_at, last_root_post_at = ch.create_at;
  std::int64_t total = 0, total_root = 0;
  for (const auto& p : ch.posts) {
    if (p.deleted()) continue;
    ++total;
    last_post_at = std::max(last_post_at, p.create_at);
    if (p.root_id.empty()) {
      ++total_root;
      last_root_post_at = std::max(last_root_post_at, p.create_at);
    }
  }
  return {{"id", ch.id},
          {"create_at", ch.create_at},
          {"update_at", ch.create_at},
          {"delete_at", 0},
          {"team_id", ch.team_id},
          {"type", ch.type},
          {"display_name", ch.display_name},
          {"name", ch.name},
          {"header", ch.header},
          {"purpose", ch.purpose},
          {"last_post_at", last_post_at},
          {"total_msg_count", total},
          {"extra_update_at", 0},
          {"creator_id", ch.creator_id},
          {"scheme_id", nullptr},
          {"props", nullptr},
          {"group_constrained", nullptr},
          {"shared", nullptr},
          {"total_msg_count_root", total_root},
          {"policy_id", nullptr},
          {"last_root_post_at", last_root_post_at}};
}

json strip_action_integrations(json props) {
  if (!props.is_object() || !props.contains("attachments") || !props["attachments"].is_array()) {
    return props;
  }
  for (auto& attachment : props["attachments"]) {
    if (!attachment.is_object() || !attachment.contains("actions")) continue;
    for (auto& action : attachment["actions"]) {
      if (action.is_object()) action.erase("integration");
    }
  }
  return props;
}

json mm_reaction_json(const mm_reaction& r, const mm_post& p) {
  return {{"user_id", r.user_id},     {"post_id", p.id},        {"emoji_name", r.emoji_name},
          {"create_at", r.create_at}, {"update_at", r.create_at}, {"delete_at", 0},
          {"remote_id", ""},          {"channel_id", p.channel_id}};
}

json mm_post_json(const mm_workspace& ws, const mm_post& p) {
  auto [reply_count, last_reply_at] = ws.reply_stats(p);
  json metadata = json::object();
  if (!p.reactions.empty()) {
    json reactions = json::array();
    for (const auto& r : p.reactions) reactions.push_back(mm_reaction_json(r, p));
    metadata["reactions"] = std::move(reactions);
  }
  json out{{"id", p.id},
           {"create_at", p.create_at},
           {"update_at", p.update_at},
           {"edit_at", p.edit_at},
           {"delete_at", p.delete_at},
           {"is_pinned", p.is_pinned},
           {"user_id", p.user_id},
           {"channel_id", p.channel_id},
           {"root_id", p.root_id},
           {"original_id", ""},
           {"message", p.message},
           {"type", p.type},
           {"props", strip_action_integrations(p.props)},
           {"hashtags", ""},
           {"pending_post_id", p.pending_post_id},
           {"reply_count", reply_count},
           {"last_reply_at", p.root_id.empty() ? last_reply_at : 0},
           {"participants", nullptr},
           {"metadata", std::move(metadata)}};
  if (!p.file_ids.empty()) out["file_ids"] = p.file_ids;
  if (!p.reactions.empty()) out["has_reactions"] = true;
  return out;
}

json mm_ephemeral_json(const mm_ephemeral& e) {
  return {{"id", e.id},           {"create_at", e.create_at}, {"update_at", e.create_at},
          {"edit_at", 0},         {"delete_at", 0},           {"is_pinned", false},
          {"user_id", e.from_user}, {"channel_id", e.channel_id}, {"root_id", e.root_id},
          {"original_id", ""},    {"message", e.message},     {"type", "system_ephemeral"},
          {"props", strip_action_integrations(e.props)},      {"hashtags", ""},
          {"pending_post_id", ""}, {"reply_count", 0},        {"metadata", json::object()}};
}

json mm_post_list_json(const mm_workspace& ws, const mm_post_page& page) {
  json order = json::array();
  json posts = json::object();
  for (const mm_post* p : page.order) {
    order.push_back(p->id);
    posts[p->id] = mm_post_json(ws, *p);
  }
  for (const mm_post* p : page.extra) posts[p->id] = mm_post_json(ws, *p);
  // has_next is always false on real 9.x servers (protocols.md B4); clients must not rely on it.
  return {{"order", std::move(order)},
          {"posts", std::move(posts)},
          {"next_post_id", page.next_post_id},
          {"prev_post_id", page.prev_post_id},
          {"has_next", false},
          {"first_inaccessible_post_time", 0}};
}

json mm_error_json(std::string_view id, std::string_view message, int status,
                   std::string_view request_id) {
  return {{"id", id},
          {"message", message},
          {"detailed_error", ""},
          {"request_id", request_id},
          {"status_code", status}};
}

}  // namespace chatsim
