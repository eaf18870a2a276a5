// Role: REST v4 team channels: POST /channels (the creator becomes a member) and
// POST /channels/{channel_id}/members, with the server's validation and error ids.
#include <algorithm>
#include <cctype>

#include "mattermost_json.hpp"
#include "mattermost_rest_calls.hpp"
#include "mattermost_state.hpp"

namespace chatsim {
namespace {

using nlohmann::json;

constexpr std::size_t max_name_length = 64;          // model.ChannelNameMaxLength
constexpr std::size_t max_display_name_length = 64;  // model.ChannelDisplayNameMaxRunes

std::string text_of(const json& body, const char* key) {
  return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : "";
}

// model.IsValidChannelIdentifier: lowercase letters, digits, '-' and '_', starting and ending
// with a letter or digit, at least 2 characters.
bool valid_channel_name(const std::string& name) {
  if (name.size() < 2 || name.size() > max_name_length) return false;
  auto alnum = [](unsigned char c) { return std::islower(c) || std::isdigit(c); };
  if (!alnum(name.front()) || !alnum(name.back())) return false;
  return std::all_of(name.begin(), name.end(), [&](unsigned char c) { return alnum(c) || c == '-' || c == '_'; });
}

json member_json(const mm_channel& ch, const std::string& user_id, std::int64_t now) {
  return {{"channel_id", ch.id},    {"user_id", user_id}, {"roles", "channel_user"},
          {"last_viewed_at", 0},    {"msg_count", 0},     {"mention_count", 0},
          {"notify_props", {{"desktop", "default"}, {"mark_unread", "all"}}},
          {"last_update_at", now},  {"scheme_user", true}, {"scheme_admin", false}};
}

}  // namespace

http_reply mm_create_channel(mm_rest_call& c) {
  auto body = c.body_object();
  if (!body) return c.invalid_body_param("channel");
  std::string team_id = text_of(*body, "team_id");
  if (team_id != c.mm.ws.team().id) {
    if (!mm_valid_id(team_id)) return c.invalid_body_param("team_id");
    return c.forbidden();
  }
  std::string name = text_of(*body, "name");
  std::string display_name = text_of(*body, "display_name");
  std::string type = text_of(*body, "type");
  if (type != "O" && type != "P") {
    return c.error(400, "model.channel.is_valid.type.app_error", "Invalid type.");
  }
  if (display_name.empty() || display_name.size() > max_display_name_length) {
    return c.error(400, "model.channel.is_valid.display_name.app_error", "Invalid display name.");
  }
  if (!valid_channel_name(name)) {
    return c.error(400, "model.channel.is_valid.2_or_more.app_error",
                   "Name must be 2 or more lowercase alphanumeric characters.");
  }
  const auto& channels = c.mm.ws.channels();
  if (std::any_of(channels.begin(), channels.end(),
                  [&](const mm_channel& ch) { return ch.team_id == team_id && ch.name == name; })) {
    return c.error(400, "store.sql_channel.save_channel.exists.app_error",
                   "A channel with that name already exists on the same team.");
  }
  mm_channel ch;
  ch.team_id = team_id;
  ch.name = name;
  ch.display_name = display_name;
  ch.type = type;
  ch.purpose = text_of(*body, "purpose");
  ch.header = text_of(*body, "header");
  ch.creator_id = c.caller.id;
  ch.members.insert(c.caller.id);
  return json_reply(mm_channel_json(c.mm.ws.create_channel(std::move(ch))), 201);
}

http_reply mm_add_channel_member(mm_rest_call& c) {
  if (!mm_valid_id(c.params[0])) return c.invalid_url_param("channel_id");
  mm_channel* ch = c.mm.ws.channel_by_id(c.params[0]);
  if (!ch || ch->team_id.empty()) {
    return c.error(404, "app.channel.get.existing.app_error", "Unable to find the existing channel.");
  }
  auto body = c.body_object();
  std::string user_id = body ? text_of(*body, "user_id") : "";
  if (!mm_valid_id(user_id)) return c.invalid_body_param("user_id");
  if (!ch->members.contains(c.caller.id)) return c.forbidden();
  const mm_user* u = c.mm.ws.find_user(user_id);
  if (!u || u->id != user_id) {
    return c.error(404, "app.user.missing_account.const", "Unable to find the user.");
  }
  // Adding someone who is already a member answers their membership, as the server does.
  ch->members.insert(user_id);
  return json_reply(member_json(*ch, user_id, c.mm.ws.now_millis()), 201);
}

}  // namespace chatsim
