// Role: the Web API methods that change channels: chat.postMessage (with the per-channel rate
// limit; a user id as the channel posts into the bot's IM with that person), chat.update,
// chat.postEphemeral, chat.delete and reactions.add.
#include <chrono>

#include "slack_actions.hpp"
#include "slack_blocks.hpp"
#include "slack_ims.hpp"
#include "slack_messages.hpp"
#include "slack_methods.hpp"
#include "slack_state.hpp"
#include "slack_web_args.hpp"

namespace chatsim {
namespace {

// text / blocks / attachments as given; a field that is absent stays empty.
struct content_args {
  std::optional<std::string> text;
  std::optional<nlohmann::json> blocks, attachments;
  std::string error;

  bool any() const { return text || blocks || attachments; }
};

content_args read_content(const nlohmann::json& args) {
  content_args out;
  out.text = arg_string(args, "text");
  if (auto blocks = arg_json(args, "blocks"); blocks.present) {
    if (!blocks.valid || !valid_blocks(blocks.value)) out.error = "invalid_blocks";
    out.blocks = blocks.value;
  }
  if (auto attachments = arg_json(args, "attachments"); attachments.present) {
    if (!attachments.valid || !attachments.value.is_array()) out.error = "invalid_attachments";
    out.attachments = attachments.value;
  }
  return out;
}

bool empty_content(const message_content& c) {
  return c.text.empty() && (c.blocks.is_null() || c.blocks.empty()) &&
         (c.attachments.is_null() || c.attachments.empty());
}

// Applies the given fields over `base`: an absent field keeps the old value, an empty array
// removes it (chat.update semantics; for new messages `base` is empty).
message_content merge_content(message_content base, content_args& given, id_source& ids) {
  if (given.text) base.text = *given.text;
  if (given.blocks) {
    base.blocks = given.blocks->empty() ? nlohmann::json(nullptr) : *given.blocks;
    if (!base.blocks.is_null()) assign_block_ids(base.blocks, ids);
  }
  if (given.attachments) {
    base.attachments = given.attachments->empty() ? nlohmann::json(nullptr) : *given.attachments;
    int next_id = 1;
    for (auto& a : base.attachments) {
      if (a.is_object() && !a.contains("id")) a["id"] = next_id;
      ++next_id;
    }
  }
  return base;
}

message bot_message(const team_identity& team, message_content content) {
  message m;
  m.user = team.bot_user_id;
  m.bot_id = team.bot_id;
  m.content = std::move(content);
  return m;
}

// Checks thread_ts names a live top-level message; returns false when it does not.
bool valid_thread_parent(workspace& ws, channel& ch, const std::string& thread_ts) {
  message* parent = ws.find_message(ch, thread_ts);
  return parent && !parent->deleted && !parent->is_reply();
}

}  // namespace

http_reply chat_post_message(api_call& call) {
  sim_context& ctx = call.slack.ctx;
  workspace& ws = ctx.ws;
  channel* ch = resolve_post_channel(ws, arg_string(call.args, "channel").value_or(""));
  if (!ch) return slack_error("channel_not_found");
  if (!ch->members.contains(ws.team().bot_user_id)) return slack_error("not_in_channel");
  content_args given = read_content(call.args);
  if (!given.error.empty()) return slack_error(given.error);
  message_content content = merge_content({}, given, ctx.ids);
  if (empty_content(content)) return slack_error("no_text");
  std::string thread_ts = arg_string(call.args, "thread_ts").value_or("");
  if (!thread_ts.empty() && !valid_thread_parent(ws, *ch, thread_ts)) {
    return slack_error("invalid_thread_ts");
  }
  if (ctx.options.rate_limit) {
    if (int wait = call.slack.post_limiter.acquire(ch->id, std::chrono::steady_clock::now())) {
      ++ctx.stats.rate_limited;
      return slack_ratelimited(wait);
    }
  }
  message m = bot_message(ws.team(), std::move(content));
  m.thread_ts = thread_ts;
  if (!thread_ts.empty() && arg_bool(call.args, "reply_broadcast").value_or(false)) {
    m.subtype = "thread_broadcast";
  }
  if (auto metadata = arg_json(call.args, "metadata"); metadata.present && metadata.valid) {
    m.metadata = metadata.value;
  }
  message& stored = publish_message(call.slack, *ch, std::move(m));
  return slack_ok(
      {{"channel", ch->id}, {"ts", stored.ts}, {"message", slack_message_json(ws, *ch, stored)}});
}

http_reply chat_update(api_call& call) {
  sim_context& ctx = call.slack.ctx;
  workspace& ws = ctx.ws;
  // Slack requires a channel ID here; a name is channel_not_found.
  channel* ch = ws.find_channel_by_id(arg_string(call.args, "channel").value_or(""));
  if (!ch) return slack_error("channel_not_found");
  message* m = ws.find_message(*ch, arg_string(call.args, "ts").value_or(""));
  if (!m || m->deleted) return slack_error("message_not_found");
  if (m->user != ws.team().bot_user_id) return slack_error("cant_update_message");
  content_args given = read_content(call.args);
  if (!given.error.empty()) return slack_error(given.error);
  if (!given.any()) return slack_error("no_text");
  message_content content = merge_content(m->content, given, ctx.ids);
  if (empty_content(content)) return slack_error("no_text");
  publish_edit(call.slack, *ch, *m, std::move(content), ws.team().bot_user_id);
  return slack_ok({{"channel", ch->id},
                   {"ts", m->ts},
                   {"text", m->content.text},
                   {"message", slack_message_json(ws, *ch, *m)}});
}

http_reply chat_post_ephemeral(api_call& call) {
  sim_context& ctx = call.slack.ctx;
  workspace& ws = ctx.ws;
  channel* ch = ws.find_channel(arg_string(call.args, "channel").value_or(""));
  if (!ch) return slack_error("channel_not_found");
  const user* to = ws.find_user(arg_string(call.args, "user").value_or(""));
  if (!to) return slack_error("user_not_found");
  if (!ch->members.contains(ws.team().bot_user_id)) return slack_error("not_in_channel");
  if (!ch->members.contains(to->id)) return slack_error("user_not_in_channel");
  content_args given = read_content(call.args);
  if (!given.error.empty()) return slack_error(given.error);
  message_content content = merge_content({}, given, ctx.ids);
  if (empty_content(content)) return slack_error("no_text");
  std::string ts = publish_ephemeral(
      call.slack, *ch,
      {"", to->id, ws.team().bot_user_id, std::move(content),
       arg_string(call.args, "thread_ts").value_or("")});
  return slack_ok({{"message_ts", ts}});
}

http_reply chat_delete(api_call& call) {
  workspace& ws = call.slack.ctx.ws;
  channel* ch = ws.find_channel_by_id(arg_string(call.args, "channel").value_or(""));
  if (!ch) return slack_error("channel_not_found");
  message* m = ws.find_message(*ch, arg_string(call.args, "ts").value_or(""));
  if (!m || m->deleted) return slack_error("message_not_found");
  if (m->user != ws.team().bot_user_id) return slack_error("cant_delete_message");
  publish_delete(call.slack, *ch, *m);
  return slack_ok({{"channel", ch->id}, {"ts", m->ts}});
}

http_reply reactions_add(api_call& call) {
  workspace& ws = call.slack.ctx.ws;
  channel* ch = ws.find_channel_by_id(arg_string(call.args, "channel").value_or(""));
  if (!ch) return slack_error("channel_not_found");
  message* m = ws.find_message(*ch, arg_string(call.args, "timestamp").value_or(""));
  if (!m || m->deleted) return slack_error("message_not_found");
  std::string name = arg_string(call.args, "name").value_or("");
  if (name.empty() || name.find(':') != std::string::npos) return slack_error("invalid_name");
  if (auto error = publish_reaction(call.slack, *ch, *m, ws.team().bot_user_id, name)) {
    return slack_error(*error);
  }
  return slack_ok();
}

}  // namespace chatsim
