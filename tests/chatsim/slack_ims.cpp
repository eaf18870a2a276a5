// Role: implementation of the IM helpers and conversations.open (one person only: chatsim has
// no multi-person IMs).
#include "slack_ims.hpp"

#include <sstream>
#include <vector>

#include "slack_methods.hpp"
#include "slack_state.hpp"
#include "slack_web_args.hpp"

namespace chatsim {
namespace {

std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    auto first = item.find_first_not_of(' ');
    auto last = item.find_last_not_of(' ');
    if (first != std::string::npos) out.push_back(item.substr(first, last - first + 1));
  }
  return out;
}

// Slack marks a conversation that was open before the call with no_op / already_open.
http_reply open_reply(const workspace& ws, const channel& im, bool existed, bool full) {
  nlohmann::json fields{{"channel", full ? im_json(ws, im) : nlohmann::json{{"id", im.id}}}};
  if (existed) {
    fields["no_op"] = true;
    fields["already_open"] = true;
  }
  return slack_ok(fields);
}

// conversations.open with `channel`: resumes an IM by its id.
http_reply reopen(const workspace& ws, channel* ch, bool full) {
  if (!ch) return slack_error("channel_not_found");
  if (!ch->is_im()) return slack_error("method_not_supported_for_channel_type");
  return open_reply(ws, *ch, true, full);
}

}  // namespace

channel* resolve_post_channel(workspace& ws, const std::string& channel_arg) {
  if (channel* ch = ws.find_channel(channel_arg)) return ch;
  const user* person = ws.find_user_by_id(channel_arg);
  if (!person || person->id == ws.team().bot_user_id) return nullptr;
  return &ws.open_im(*person);
}

nlohmann::json im_json(const workspace& ws, const channel& im) {
  return {{"id", im.id},
          {"created", im.created},
          {"is_archived", false},
          {"is_im", true},
          {"is_org_shared", false},
          {"context_team_id", ws.team().id},
          {"updated", im.created * 1000},
          {"user", im.im_user},
          {"is_user_deleted", false},
          {"priority", 0}};
}

std::string payload_channel_name(const channel& ch) {
  return ch.is_im() ? "directmessage" : ch.name;
}

http_reply conversations_open(api_call& call) {
  workspace& ws = call.slack.ctx.ws;
  bool full = arg_bool(call.args, "return_im").value_or(false);
  auto users = comma_list(arg_string(call.args, "users").value_or(""));
  if (users.empty()) {
    std::string channel_id = arg_string(call.args, "channel").value_or("");
    if (channel_id.empty()) return slack_error("users_list_not_supplied");
    return reopen(ws, ws.find_channel_by_id(channel_id), full);
  }
  // Several users would make a multi-person IM (G…), which chatsim does not simulate.
  if (users.size() > 1) return slack_error("mpim_not_supported_by_chatsim");
  const user* person = ws.find_user_by_id(users.front());
  if (!person || person->id == ws.team().bot_user_id) return slack_error("user_not_found");
  bool existed = ws.find_im(person->id) != nullptr;
  return open_reply(ws, ws.open_im(*person), existed, full);
}

}  // namespace chatsim
