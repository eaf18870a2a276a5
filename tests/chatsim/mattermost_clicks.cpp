// Role: implementation of button clicks against the integration URL.
#include "mattermost_clicks.hpp"

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

// The stored action (integration included) with this id, or nullptr.
const json* find_action(const mm_post& p, const std::string& action_id) {
  if (!p.props.contains("attachments") || !p.props["attachments"].is_array()) return nullptr;
  for (const auto& attachment : p.props["attachments"]) {
    if (!attachment.is_object() || !attachment.contains("actions") || !attachment["actions"].is_array()) continue;
    for (const auto& action : attachment["actions"]) {
      if (action.is_object() && action.value("id", "") == action_id) return &action;
    }
  }
  return nullptr;
}

void record_ephemeral(mattermost_state& mm, mm_channel& ch, const std::string& to,
                      const std::string& from, const mm_post& p, std::string message) {
  mm_ephemeral e;
  e.to_user = to;
  e.from_user = from;
  e.root_id = p.root_id.empty() ? p.id : p.root_id;
  e.message = std::move(message);
  publish_ephemeral(mm, ch, std::move(e));
}

// Mattermost's UpdatePost for an action response: the message is replaced; props are kept
// when absent (or null), cleared by {}, replaced by an object.
void apply_update(mattermost_state& mm, mm_post& p, const json& update) {
  publish_edit(mm, p, [&update](mm_post& post) {
    post.message = update.contains("message") && update["message"].is_string() ? update["message"].get<std::string>() : "";
    if (update.contains("props") && update["props"].is_object()) post.props = update["props"];
  });
}

bool is_true(const json& object, const char* key) {
  return object.contains(key) && object[key] == true;
}

std::string string_at(const json& object, const char* key) {
  return object.contains(key) && object[key].is_string() ? object[key].get<std::string>() : "";
}

// The JSON POST Mattermost sends to an action's integration URL.
outgoing_request action_request(mattermost_state& mm, const mm_user& who, const mm_channel& where,
                                const mm_post& p, const json& action, const std::string& trigger_id,
                                const json& body) {
  json integration = action.contains("integration") && action["integration"].is_object()
                         ? action["integration"] : json::object();
  json request{{"user_id", who.id},           {"user_name", who.username},
               {"channel_id", where.id},      {"channel_name", where.name},
               {"team_id", mm.ws.team().id},  {"team_domain", mm.ws.team().name},
               {"post_id", p.id},             {"trigger_id", trigger_id},
               {"type", action.contains("type") ? string_at(action, "type") : "button"},
               {"data_source", string_at(action, "data_source")},
               {"context", integration.value("context", json::object())}};
  if (body.contains("selected_option")) request["selected_option"] = field_string(body, "selected_option");
  outgoing_request req;
  req.url = string_at(integration, "url");
  req.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
  req.body = request.dump();
  req.timeout = field_millis(body, "wait_ms", std::chrono::milliseconds(30000));
  return req;
}

// Applies a 200 JSON answer (update, ephemeral_text, error) and reports it in `out`.
void apply_answer(mattermost_state& mm, mm_channel& where, const mm_user& who, mm_post& p,
                  const std::string& author, const json& response, json& out) {
  out["response"] = response;
  if (response.contains("update") && response["update"].is_object()) apply_update(mm, p, response["update"]);
  std::string ephemeral = string_at(response, "ephemeral_text");
  if (!is_true(response, "skip_slack_parsing")) ephemeral = mm_slack_to_markdown(ephemeral);
  if (!ephemeral.empty()) {
    record_ephemeral(mm, where, who.id, author, p, ephemeral);
    out["ephemeral_text"] = ephemeral;
  }
  if (response.contains("error") && response["error"].is_object()) {
    std::string message = string_at(response["error"], "message");  // 10.5+
    if (!message.empty()) {
      record_ephemeral(mm, where, who.id, "", p, message);
      out["error"] = message;
    }
  }
  out["post"] = mm_post_json(mm.ws, p);
}

}  // namespace

boost::asio::awaitable<http_reply> run_click(mattermost_state& mm, const json& body) {
  const mm_user* who = mm.ws.find_user(field_string(body, "user"));
  mm_channel* where = mm.ws.find_channel(field_string(body, "channel"));
  if (!who) co_return error_reply(400, "unknown user: " + field_string(body, "user"));
  if (!where) co_return error_reply(400, "unknown channel: " + field_string(body, "channel"));
  std::string post_id = field_string(body, "post_id");
  mm_post* p = mm.ws.find_post(post_id);
  if (!p || p->deleted() || p->channel_id != where->id) {
    co_return error_reply(404, "no such post in ~" + where->name + ": " + post_id);
  }
  if (!where->members.contains(who->id)) co_return error_reply(403, who->username + " is not in ~" + where->name);
  std::string action_id = field_string(body, "action_id");
  const json* action = find_action(*p, action_id);
  if (!action) co_return error_reply(404, "no action with id " + action_id + " on post " + post_id);
  std::string trigger_id = base64_encode(mm.ws.new_id() + ":" + who->id + ":" +
                                         std::to_string(mm.ws.now_millis()) + ":" + mm.ws.new_id());
  outgoing_request req = action_request(mm, *who, *where, *p, *action, trigger_id, body);
  if (req.url.empty()) co_return error_reply(400, "action " + action_id + " has no integration url");
  std::string author = p->user_id;  // ephemeral_text comes from the post's author
  ++mm.ctx.stats.mattermost_actions_sent;
  outgoing_response res = co_await send_request(mm.ctx.executor, std::move(req));
  log_line("mattermost action " + action_id + " -> " + std::to_string(res.status) +
           (res.error.empty() ? "" : " (" + res.error + ")"));

  json out{{"status", res.status}, {"trigger_id", trigger_id}, {"ephemeral_text", nullptr}};
  json response = res.body.empty() ? json::object() : json::parse(res.body, nullptr, false);
  p = mm.ws.find_post(post_id);  // the post may have been deleted while the bot answered
  bool post_live = p && !p->deleted();
  if (!res.error.empty() || res.status != 200 || !response.is_object() || !post_live) {
    out["response"] = res.error.empty() ? json(res.body) : json(nullptr);
    out["error"] = !res.error.empty()   ? res.error
                   : res.status != 200  ? "status " + std::to_string(res.status)
                   : !post_live         ? "the post is gone"
                                        : "the answer is not a JSON object";
    record_ephemeral(mm, *where, who->id, "", post_live ? *p : mm_post{}, "Action failed to execute");
    co_return json_reply(out);
  }
  apply_answer(mm, *where, *who, *p, author, response, out);
  co_return json_reply(out);
}

}  // namespace chatsim
