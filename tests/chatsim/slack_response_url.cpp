// Role: implementation of reply application and the response_url endpoint.
#include "slack_response_url.hpp"

#include "slack_actions.hpp"
#include "slack_blocks.hpp"
#include "slack_state.hpp"

namespace chatsim {
namespace {

constexpr int max_uses = 5;
constexpr std::int64_t lifetime_micros = 30LL * 60 * 1000000;
constexpr std::string_view path_prefix = "/_sim/response_url/";

std::optional<std::string> read_content(const nlohmann::json& reply, slack_state& slack,
                                        message_content& out) {
  if (reply.contains("text") && reply["text"].is_string()) out.text = reply["text"];
  if (reply.contains("blocks") && !reply["blocks"].is_null()) {
    if (!valid_blocks(reply["blocks"])) return "invalid_blocks";
    out.blocks = reply["blocks"];
    assign_block_ids(out.blocks, slack.ctx.ids);
  }
  if (reply.contains("attachments") && reply["attachments"].is_array()) {
    out.attachments = reply["attachments"];
  }
  if (out.text.empty() && out.blocks.is_null() && out.attachments.is_null()) return "no_text";
  return std::nullopt;
}

std::optional<std::string> act_on_original(slack_state& slack, channel& ch,
                                           const reply_target& target,
                                           const nlohmann::json& reply) {
  message* original = slack.ctx.ws.find_message(ch, target.message_ts);
  if (!original || original->deleted) return "message_not_found";
  if (reply.value("delete_original", false)) {
    publish_delete(slack, ch, *original);
    return std::nullopt;
  }
  message_content content;
  if (auto error = read_content(reply, slack, content)) return error;
  publish_edit(slack, ch, *original, std::move(content), slack.ctx.ws.team().bot_user_id);
  return std::nullopt;
}

}  // namespace

std::string response_url_book::issue(id_source& ids, reply_target target,
                                     std::int64_t now_micros) {
  std::string id = ids.short_id(24);
  entries_[id] = entry{std::move(target), 0, now_micros};
  return id;
}

response_url_book::entry* response_url_book::find(const std::string& id) {
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : &it->second;
}

std::optional<std::string> apply_reply(slack_state& slack, const reply_target& target,
                                       const nlohmann::json& reply) {
  if (!reply.is_object()) return "invalid_payload";
  channel* ch = slack.ctx.ws.find_channel_by_id(target.channel_id);
  if (!ch) return "channel_not_found";
  bool on_original = reply.value("replace_original", false) || reply.value("delete_original", false);
  if (on_original && !target.message_ts.empty()) return act_on_original(slack, *ch, target, reply);
  message_content content;
  if (auto error = read_content(reply, slack, content)) return error;
  std::string thread_ts = reply.value("thread_ts", std::string());
  const team_identity& team = slack.ctx.ws.team();
  if (reply.value("response_type", std::string()) == "in_channel") {
    message m;
    m.user = team.bot_user_id;
    m.bot_id = team.bot_id;
    m.content = std::move(content);
    m.thread_ts = thread_ts;
    publish_message(slack, *ch, std::move(m));
  } else {
    publish_ephemeral(slack, *ch, {"", target.user_id, team.bot_user_id, std::move(content),
                                   thread_ts});
  }
  return std::nullopt;
}

http_reply handle_response_url(slack_state& slack, const http_request& request) {
  if (request.method != "POST") return json_reply({{"ok", false}, {"error", "invalid_method"}}, 405);
  auto* entry = slack.response_urls.find(request.path.substr(path_prefix.size()));
  if (!entry) return json_reply({{"ok", false}, {"error", "expired_url"}}, 404);
  if (entry->uses >= max_uses ||
      slack.ctx.ws.now_micros() - entry->issued_micros > lifetime_micros) {
    return json_reply({{"ok", false}, {"error", "used_url"}}, 404);
  }
  auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return json_reply({{"ok", false}, {"error", "invalid_json"}}, 400);
  }
  ++entry->uses;
  if (auto error = apply_reply(slack, entry->target, body)) {
    return json_reply({{"ok", false}, {"error", *error}}, 400);
  }
  return json_reply({{"ok", true}});
}

}  // namespace chatsim
