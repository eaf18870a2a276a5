// Parsing and verifying Mattermost's outgoing requests (protocols.md B6, B7).
#include "bot/chat/mattermost/mattermost_requests.hpp"

#include "bot/chat/mattermost/mattermost_render.hpp"
#include "bot/net/hmac.hpp"
#include "bot/net/url.hpp"

namespace oncall {

namespace {

std::string first(const std::multimap<std::string, std::string>& form, const std::string& key) {
  auto it = form.find(key);
  return it == form.end() ? std::string{} : it->second;
}

std::string header(const inbound_http& r, const std::string& name) {
  auto it = r.headers.find(name);
  return it == r.headers.end() ? std::string{} : it->second;
}

}  // namespace

result<inbound_command> mattermost_command(const inbound_http& request, const std::string& command_token) {
  if (command_token.empty()) {
    return error{"slash commands are refused: set chat.mattermost.command_token to the token Mattermost shows for /oncall"};
  }
  auto form = parse_form(request.body);
  // Mattermost sends "Authorization: Token <token>"; older servers only the form field.
  std::string presented = header(request, "authorization");
  const std::string scheme = "Token ";
  presented = presented.rfind(scheme, 0) == 0 ? presented.substr(scheme.size()) : first(form, "token");
  if (presented.empty() || !constant_time_equal(presented, command_token)) {
    return error{"the command token is missing or wrong; check chat.mattermost.command_token"};
  }
  inbound_command cmd;
  cmd.user = first(form, "user_name");
  cmd.channel = first(form, "channel_id");
  cmd.text = first(form, "text");
  auto trigger = first(form, "trigger_id");
  cmd.delivery_id = "mattermost-command:" + (trigger.empty() ? first(form, "user_id") + ":" + cmd.text : trigger);
  if (cmd.user.empty() || cmd.channel.empty()) {
    return error{"the command request lacks user_name or channel_id", "user_name"};
  }
  return cmd;
}

result<mattermost_click> mattermost_action(const inbound_http& request, const std::string& signing_key) {
  auto j = nlohmann::json::parse(request.body, nullptr, false);
  if (!j.is_object()) return error{"the action request is not a JSON object", "body"};
  auto context = j.find("context");
  if (context == j.end() || !context->is_object()) {
    return error{"the action request has no context; it did not come from an oncallbot button", "context"};
  }
  std::string action = context->value("action", "");
  std::string value = context->value("value", "");
  std::string sig = context->value("sig", "");
  if (action.empty() || sig.empty() || !constant_time_equal(sig, sign_action(signing_key, action, value))) {
    return error{"the button's context is not signed by this oncallbot; refusing it", "context"};
  }
  mattermost_click out;
  out.click.action_id = action;
  out.click.value = value;
  out.click.user = j.value("user_id", "");
  out.click.channel = j.value("channel_id", "");
  out.click.message_ref = j.value("post_id", "");
  out.user_name = j.value("user_name", "");
  auto trigger = j.value("trigger_id", "");
  out.click.delivery_id = trigger.empty() ? std::string{} : "mattermost-click:" + trigger;
  if (out.click.user.empty()) return error{"the action request lacks user_id", "user_id"};
  return out;
}

std::string mattermost_command_response(const chat_reply& reply, const std::string& text) {
  return nlohmann::json{{"response_type", reply.in_channel ? "in_channel" : "ephemeral"}, {"text", text}}.dump();
}

}  // namespace oncall
