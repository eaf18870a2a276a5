// Role: implementation of the Mattermost readback documents.
#include "mattermost_readback.hpp"

#include "mattermost_json.hpp"

namespace chatsim {

using nlohmann::json;

json mm_readback_channel(const mm_workspace& ws, const mm_channel& ch) {
  json posts = json::array();
  for (const auto& p : ch.posts) {
    json item = mm_post_json(ws, p);
    item["user_name"] = ws.username(p.user_id);
    json edits = json::array();
    for (const auto& v : p.edits) {
      edits.push_back({{"message", v.message},
                       {"props", strip_action_integrations(v.props)},
                       {"replaced_at", v.replaced_at}});
    }
    item["edits"] = std::move(edits);
    if (!p.reactions.empty()) {
      json reactions = json::array();
      for (const auto& r : p.reactions) {
        reactions.push_back({{"user_id", r.user_id}, {"user_name", ws.username(r.user_id)},
                             {"emoji_name", r.emoji_name}});
      }
      item["reactions"] = std::move(reactions);
    }
    if (p.deleted()) item["deleted"] = true;
    posts.push_back(std::move(item));
  }
  json ephemeral = json::array();
  for (const auto& e : ch.ephemeral) {
    json item{{"id", e.id},
              {"to_user", e.to_user},
              {"to_user_name", ws.username(e.to_user)},
              {"from_user", e.from_user},
              {"message", e.message},
              {"create_at", e.create_at}};
    if (!e.root_id.empty()) item["root_id"] = e.root_id;
    if (!e.props.empty()) item["props"] = strip_action_integrations(e.props);
    ephemeral.push_back(std::move(item));
  }
  return {{"channel", {{"id", ch.id}, {"name", ch.name}}},
          {"posts", std::move(posts)},
          {"ephemeral", std::move(ephemeral)}};
}

namespace {

json user_summary(const mm_user& u) { return {{"id", u.id}, {"username", u.username}}; }

// The member of a bot DM who is not the bot (the bot itself in its self-DM).
std::string other_member(const mm_workspace& ws, const mm_channel& dm) {
  for (const auto& id : dm.members) {
    if (id != ws.bot().id) return id;
  }
  return ws.bot().id;
}

}  // namespace

json mm_readback_dm(const mm_workspace& ws, const mm_user& person, const mm_channel* dm) {
  json none{{"channel", nullptr}, {"posts", json::array()}, {"ephemeral", json::array()}};
  json out = dm ? mm_readback_channel(ws, *dm) : none;
  out["user"] = user_summary(person);
  return out;
}

json mm_readback_dms(const mm_workspace& ws) {
  json dms = json::array();
  for (const auto& ch : ws.channels()) {
    if (ch.type != "D" || !ch.members.contains(ws.bot().id)) continue;
    dms.push_back({{"user", user_summary(*ws.find_user(other_member(ws, ch)))},
                   {"channel", {{"id", ch.id}, {"name", ch.name}}}});
  }
  return {{"dms", std::move(dms)}};
}

json mm_readback_users(const mm_workspace& ws) {
  json users = json::array();
  for (const auto& u : ws.users()) {
    users.push_back({{"id", u.id}, {"username", u.username}, {"is_bot", u.is_bot}});
  }
  return {{"team", {{"id", ws.team().id}, {"name", ws.team().name}}}, {"users", std::move(users)}};
}

json mm_readback_channels(const mm_workspace& ws) {
  json channels = json::array();
  for (const auto& ch : ws.channels()) {
    channels.push_back({{"id", ch.id},
                        {"name", ch.name},
                        {"display_name", ch.display_name},
                        {"type", ch.type},
                        {"team_id", ch.team_id},
                        {"members", ch.members}});
  }
  return {{"channels", std::move(channels)}};
}

}  // namespace chatsim
