// Role: the Web API methods about conversations themselves: conversations.info,
// conversations.list (public channels, plus IMs when `types` asks for im) and
// conversations.join.
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
