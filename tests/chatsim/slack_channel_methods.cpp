// Role: the Web API methods about conversations themselves: conversations.info,
// conversations.list and conversations.join.
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

}  // namespace

http_reply conversations_info(api_call& call) {
  workspace& ws = call.slack.ctx.ws;
  channel* ch = ws.find_channel_by_id(arg_string(call.args, "channel").value_or(""));
  if (!ch) return slack_error("channel_not_found");
  return slack_ok({{"channel", channel_json(ws, *ch)}});
}

http_reply conversations_list(api_call& call) {
  const workspace& ws = call.slack.ctx.ws;
  auto list = nlohmann::json::array();
  for (const auto& ch : ws.channels()) list.push_back(channel_json(ws, ch));
  return slack_ok({{"channels", list}, {"response_metadata", {{"next_cursor", ""}}}});
}

http_reply conversations_join(api_call& call) {
  workspace& ws = call.slack.ctx.ws;
  channel* ch = ws.find_channel_by_id(arg_string(call.args, "channel").value_or(""));
  if (!ch) return slack_error("channel_not_found");
  bool already = !ch->members.insert(ws.team().bot_user_id).second;
  nlohmann::json fields{{"channel", channel_json(ws, *ch)}};
  if (already) {
    fields["warning"] = "already_in_channel";
    fields["response_metadata"] = {{"warnings", nlohmann::json::array({"already_in_channel"})}};
  }
  return slack_ok(fields);
}

}  // namespace chatsim
