// Role: implementation of slash command registration, delivery to the command URL, and the
// response_url endpoint.
#include "mattermost_commands.hpp"

#include <algorithm>
#include <cctype>

#include "control_support.hpp"
#include "log.hpp"
#include "mattermost_command_response.hpp"
#include "mattermost_json.hpp"
#include "mattermost_publish.hpp"
#include "mattermost_state.hpp"
#include "outgoing_http.hpp"
#include "text_codec.hpp"

namespace chatsim {
namespace {

using nlohmann::json;
using form = std::vector<std::pair<std::string, std::string>>;
constexpr std::string_view hook_prefix = "/hooks/commands/";

std::string without_slash(std::string_view trigger) {
  if (!trigger.empty() && trigger.front() == '/') trigger.remove_prefix(1);
  return std::string(trigger);
}

// "@alice" and "~alerts" in the text become user_mentions / channel_mentions pairs.
void add_mentions(mattermost_state& mm, const std::string& text, form& fields) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((text[i] != '@' && text[i] != '~') || (i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1])))) {
      continue;
    }
    std::size_t end = i + 1;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                                 text[end] == '.' || text[end] == '_' || text[end] == '-')) {
      ++end;
    }
    std::string name = text.substr(i + 1, end - i - 1);
    while (!name.empty() && name.back() == '.') name.pop_back();
    std::string kind = text[i] == '@' ? "user_mentions" : "channel_mentions";
    std::string id;
    if (text[i] == '@') {
      if (const mm_user* u = mm.ws.find_user(name); u && !name.empty()) id = u->id;
    } else if (mm_channel* ch = mm.ws.find_channel(name); ch && !name.empty()) {
      id = ch->id;
    }
    bool seen = std::find(fields.begin(), fields.end(), std::pair{kind, name}) != fields.end();
    if (!id.empty() && !seen) {
      fields.emplace_back(kind, name);
      fields.emplace_back(kind + "_ids", id);
    }
  }
}

std::string new_trigger_id(mattermost_state& mm, const std::string& user_id) {
  // Mattermost's trigger ids are base64 of "<id>:<user id>:<ms>:<signature>".
  return base64_encode(mm.ws.new_id() + ":" + user_id + ":" +
                       std::to_string(mm.ws.now_millis()) + ":" + mm.ws.new_id() + mm.ws.new_id());
}

// The form POST Mattermost sends to a custom command's URL.
outgoing_request command_request(mattermost_state& mm, const mm_command& command, const mm_user& who,
                                 const mm_channel& where, const std::string& text,
                                 const std::string& trigger_id, const std::string& response_url) {
  form fields{{"channel_id", where.id},           {"channel_name", where.name},
              {"command", "/" + command.trigger}, {"response_url", response_url},
              {"team_domain", mm.ws.team().name}, {"team_id", mm.ws.team().id},
              {"text", text},                     {"token", command.token},
              {"trigger_id", trigger_id},         {"user_id", who.id},
              {"user_name", who.username}};
  add_mentions(mm, text, fields);
  outgoing_request req;
  req.url = command.url;
  req.headers = {{"Accept", "application/json"},
                 {"Authorization", "Token " + command.token},
                 {"Content-Type", "application/x-www-form-urlencoded"},
                 {"User-Agent", "Mattermost-Bot/1.1"}};
  req.body = form_encode(std::move(fields));
  return req;
}

// What the person sees of the bot's answer, and the control API's report of it.
json command_outcome(mattermost_state& mm, const mm_reply_target& target, const outgoing_response& res) {
  std::optional<json> parsed;
  if (res.error.empty() && res.status == 200) parsed = mm_parse_command_response(res.content_type, res.body);
  json out{{"status", res.status},
           {"response", parsed ? *parsed : res.error.empty() ? json(res.body) : json(nullptr)},
           {"posted", nullptr},
           {"ephemeral", nullptr}};
  if (!parsed) {
    out["error"] = !res.error.empty()  ? res.error
                   : res.status == 200 ? "the JSON answer does not parse"
                                       : "status " + std::to_string(res.status);
    out["ephemeral"] = mm_command_failed(mm, target);
    return out;
  }
  mm_reply_outcome outcome = mm_apply_command_response(mm, target, *parsed);
  out["posted"] = outcome.posted;
  out["ephemeral"] = outcome.ephemeral;
  if (!outcome.error.empty()) out["error"] = outcome.error;
  return out;
}

}  // namespace

const mm_command& mm_command_book::add(mm_command c) {
  for (auto& existing : commands_) {
    if (existing.trigger == c.trigger) return existing = std::move(c);
  }
  commands_.push_back(std::move(c));
  return commands_.back();
}

const mm_command* mm_command_book::find(std::string_view trigger) const {
  std::string wanted = without_slash(trigger);
  for (const auto& c : commands_) {
    if (c.trigger == wanted) return &c;
  }
  return nullptr;
}

mm_command_hook* mm_hook_book::find(const std::string& id) {
  auto it = hooks_.find(id);
  return it == hooks_.end() ? nullptr : &it->second;
}

http_reply register_command(mattermost_state& mm, const json& body) {
  mm_command c{mm.ws.new_id(), without_slash(field_string(body, "trigger")), field_string(body, "url"),
               field_string(body, "token")};
  if (c.trigger.empty() || !c.url.starts_with("http://")) {
    return error_reply(400, "need \"trigger\" and an http:// \"url\"");
  }
  if (c.token.empty()) c.token = mm.ws.new_id();
  const mm_command& stored = mm.commands.add(std::move(c));
  return json_reply({{"ok", true},
                     {"command", {{"id", stored.id}, {"trigger", stored.trigger},
                                  {"url", stored.url}, {"token", stored.token}}}});
}

http_reply list_commands(const mattermost_state& mm) {
  json list = json::array();
  for (const auto& c : mm.commands.all()) {
    list.push_back({{"id", c.id}, {"trigger", c.trigger}, {"url", c.url}, {"token", c.token}});
  }
  return json_reply({{"commands", list}});
}

boost::asio::awaitable<http_reply> run_slash_command(mattermost_state& mm, const json& body) {
  const mm_user* who = mm.ws.find_user(field_string(body, "user"));
  mm_channel* where = mm.ws.find_channel(field_string(body, "channel"));
  if (!who) co_return error_reply(400, "unknown user: " + field_string(body, "user"));
  if (!where) co_return error_reply(400, "unknown channel: " + field_string(body, "channel"));
  if (!where->members.contains(who->id)) co_return error_reply(403, who->username + " is not in ~" + where->name);
  std::string trigger = without_slash(optional_field(body, "command").value_or("oncall"));
  const mm_command* command = mm.commands.find(trigger);
  if (!command) {
    co_return error_reply(404, "Command with a trigger of '/" + trigger + "' not found.");
  }
  mm_reply_target target{where->id, who->id, field_string(body, "root_id"), trigger};
  std::string hook_id = mm.ws.new_id();
  mm.hooks.add(hook_id, {trigger, where->id, who->id, target.root_id, 0, mm.ws.now_millis()});
  std::string trigger_id = new_trigger_id(mm, who->id);
  std::string response_url = mm.ctx.base_url() + std::string(hook_prefix) + hook_id;
  outgoing_request req = command_request(mm, *command, *who, *where, field_string(body, "text"),
                                         trigger_id, response_url);
  req.timeout = field_millis(body, "wait_ms", std::chrono::milliseconds(30000));
  ++mm.ctx.stats.mattermost_commands_sent;
  outgoing_response res = co_await send_request(mm.ctx.executor, std::move(req));
  log_line("mattermost /" + trigger + " -> " + std::to_string(res.status) +
           (res.error.empty() ? "" : " (" + res.error + ")"));
  json out = command_outcome(mm, target, res);
  out["trigger_id"] = trigger_id;
  out["response_url"] = response_url;
  co_return json_reply(out);
}

http_reply handle_command_hook(mattermost_state& mm, const http_request& request) {
  std::string request_id = mm.ws.new_id();
  auto fail = [&](int status, std::string_view id, std::string_view message) {
    http_reply reply = json_reply(mm_error_json(id, message, status, request_id), status);
    reply.content_type = "application/json";
    return reply;
  };
  if (request.method != "POST") return fail(405, "api.context.405.app_error", "Method not allowed.");
  mm_command_hook* hook = mm.hooks.find(request.path.substr(hook_prefix.size()));
  if (!hook) return fail(404, "web.command_webhook.invalid.app_error", "Invalid webhook.");
  if (hook->uses >= mm_hook_book::max_uses ||
      mm.ws.now_millis() - hook->issued_at > mm_hook_book::lifetime_ms) {
    return fail(400, "app.command_webhook.try_use.invalid.app_error", "Invalid webhook.");
  }
  auto response = mm_parse_command_response(request.header("content-type"), request.body);
  if (!response) return fail(400, "web.command_webhook.parse.app_error", "Unable to parse incoming data.");
  ++hook->uses;
  auto outcome = mm_apply_command_response(
      mm, {hook->channel_id, hook->user_id, hook->root_id, hook->trigger}, *response);
  if (!outcome.error.empty()) return fail(403, "api.command.command_post.forbidden.app_error", outcome.error);
  http_reply ok = text_reply("ok");
  ok.content_type = "text/plain";
  return ok;
}

}  // namespace chatsim
