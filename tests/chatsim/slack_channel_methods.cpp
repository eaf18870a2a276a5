// Role: the Web API methods about conversations themselves: conversations.info,
// conversations.list (public channels, plus IMs when `types` asks for im) and
// conversations.join.
#include <cctype>
#include <optional>
#include <sstream>

#include "slack_ims.hpp"
#include "slack_methods.hpp"
#include "slack_state.hpp"
#include "slack_web_args.hpp"

namespace chatsim {
namespace {

nlohmann::json channel_json(const workspace& ws, const channel& ch) {
  nlohmann::json empty_text{{"value", ""}, {"creator", ""}, {"last_set", 0}};
  return {{"id", ch.id},
          {"name", ch.name},
          {"name_normalized", ch.name},
          {"is_channel", true},
          {"is_group", false},
          {"is_im", false},
          {"is_mpim", false},
          {"is_private", false},
          {"is_archived", false},
          {"is_general", ch.name == "general"},
          {"is_shared", false},
          {"is_ext_shared", false},
          {"is_org_shared", false},
          {"is_member", ch.members.contains(ws.team().bot_user_id)},
          {"num_members", ch.members.size()},
          {"created", ch.created},
          {"creator", ""},
          {"context_team_id", ws.team().id},
          {"topic", empty_text},
          {"purpose", empty_text},
          {"previous_names", nlohmann::json::array()}};
}

// `types` is a comma-separated list; Slack's default is public_channel only.
bool lists_type(const nlohmann::json& args, const std::string& type) {
  std::istringstream types(arg_string(args, "types").value_or("public_channel"));
  for (std::string item; std::getline(types, item, ',');) {
    if (item == type) return true;
  }
  return false;
}

}  // namespace

http_reply conversations_info(api_call& call) {
  workspace& ws = call.slack.ctx.ws;
  channel* ch = ws.find_channel_by_id(arg_string(call.args, "channel").value_or(""));
  if (!ch) return slack_error("channel_not_found");
  return slack_ok({{"channel", ch->is_im() ? im_json(ws, *ch) : channel_json(ws, *ch)}});
}

http_reply conversations_list(api_call& call) {
  const workspace& ws = call.slack.ctx.ws;
  bool channels = lists_type(call.args, "public_channel"), ims = lists_type(call.args, "im");
  auto list = nlohmann::json::array();
  for (const auto& ch : ws.channels()) {
    if (!(ch.is_im() ? ims : channels)) continue;
    list.push_back(ch.is_im() ? im_json(ws, ch) : channel_json(ws, ch));
  }
  return slack_ok({{"channels", list}, {"response_metadata", {{"next_cursor", ""}}}});
}

http_reply conversations_join(api_call& call) {
  workspace& ws = call.slack.ctx.ws;
  channel* ch = ws.find_channel_by_id(arg_string(call.args, "channel").value_or(""));
  if (!ch) return slack_error("channel_not_found");
  if (ch->is_im()) return slack_error("method_not_supported_for_channel_type");
  bool already = !ch->members.insert(ws.team().bot_user_id).second;
  nlohmann::json fields{{"channel", channel_json(ws, *ch)}};
  if (already) {
    fields["warning"] = "already_in_channel";
    fields["response_metadata"] = {{"warnings", nlohmann::json::array({"already_in_channel"})}};
  }
  return slack_ok(fields);
}

}  // namespace chatsim

namespace chatsim {
namespace {

// Slack's channel-name rules: lowercase letters, digits, hyphens and underscores, 1-80.
std::optional<std::string> channel_name_error(const std::string& name) {
  if (name.empty()) return "invalid_name_required";
  if (name.size() > 80) return "invalid_name_maxlength";
  for (unsigned char c : name) {
    if (!(std::islower(c) || std::isdigit(c) || c == '-' || c == '_')) return "invalid_name_specials";
  }
  return std::nullopt;
}

}  // namespace

http_reply conversations_create(api_call& call) {
  workspace& ws = call.slack.ctx.ws;
  std::string name = arg_string(call.args, "name").value_or("");
  if (auto error = channel_name_error(name)) return slack_error(*error);
  if (ws.find_channel(name)) return slack_error("name_taken");
  std::vector<std::string> members{ws.team().bot_user_id};  // the creator is in it
  if (auto error = ws.add_channel(name, &members)) return slack_error("invalid_name_specials");
  return slack_ok({{"channel", channel_json(ws, *ws.find_channel(name))}});
}

http_reply conversations_invite(api_call& call) {
  workspace& ws = call.slack.ctx.ws;
  channel* ch = ws.find_channel_by_id(arg_string(call.args, "channel").value_or(""));
  if (!ch) return slack_error("channel_not_found");
  if (ch->is_im()) return slack_error("method_not_supported_for_channel_type");
  if (!ch->members.contains(ws.team().bot_user_id)) return slack_error("not_in_channel");
  std::vector<std::string> ids;
  std::istringstream list(arg_string(call.args, "users").value_or(""));
  for (std::string id; std::getline(list, id, ',');) {
    if (!id.empty()) ids.push_back(id);
  }
  if (ids.empty()) return slack_error("no_user");
  if (ids.size() > 100) return slack_error("too_many_users");
  auto errors = nlohmann::json::array();
  for (const auto& id : ids) {
    const user* u = ws.find_user_by_id(id);
    if (id == ws.team().bot_user_id) {
      errors.push_back({{"user", id}, {"ok", false}, {"error", "cant_invite_self"}});
    } else if (!u) {
      errors.push_back({{"user", id}, {"ok", false}, {"error", "user_not_found"}});
    } else if (ch->members.contains(id)) {
      errors.push_back({{"user", id}, {"ok", false}, {"error", "already_in_channel"}});
    }
  }
  // Like Slack: any refused user refuses the whole call, named by the first error.
  if (!errors.empty()) {
    auto reply = nlohmann::json{{"ok", false}, {"error", errors[0]["error"]}, {"errors", errors}};
    return json_reply(reply);
  }
  for (const auto& id : ids) ch->members.insert(id);
  return slack_ok({{"channel", channel_json(ws, *ch)}});
}

}  // namespace chatsim
