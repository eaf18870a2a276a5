// Role: the Web API methods that read state or open connections: auth.test,
// apps.connections.open, conversations.history (newest first, cursor paging),
// conversations.replies (parent first) and users.info.
#include <algorithm>
#include <limits>

#include "slack_messages.hpp"
#include "slack_methods.hpp"
#include "slack_state.hpp"
#include "slack_web_args.hpp"
#include "text_codec.hpp"

namespace chatsim {
namespace {

constexpr std::string_view cursor_prefix = "next_ts:";

std::string encode_cursor(const std::string& ts) {
  return base64_encode(std::string(cursor_prefix) + ts);
}

// The ts a cursor points at; empty optional when there is no cursor, error when unreadable.
struct cursor_arg {
  std::optional<std::int64_t> at;
  bool valid = true;
};

cursor_arg read_cursor(const nlohmann::json& args) {
  std::string raw = arg_string(args, "cursor").value_or("");
  if (raw.empty()) return {};
  auto decoded = base64_decode(raw);
  if (!decoded || decoded->rfind(cursor_prefix, 0) != 0) return {std::nullopt, false};
  auto at = parse_ts(decoded->substr(cursor_prefix.size()));
  return {at, at.has_value()};
}

struct time_window {
  std::int64_t oldest = 0;
  std::int64_t latest = std::numeric_limits<std::int64_t>::max();
  bool inclusive = false;

  bool contains(std::int64_t t) const {
    return inclusive ? (t >= oldest && t <= latest) : (t > oldest && t < latest);
  }
};

time_window read_window(const nlohmann::json& args) {
  time_window w;
  if (auto oldest = parse_ts(arg_string(args, "oldest").value_or(""))) w.oldest = *oldest;
  if (auto latest = parse_ts(arg_string(args, "latest").value_or(""))) w.latest = *latest;
  w.inclusive = arg_bool(args, "inclusive").value_or(false);
  return w;
}

std::size_t read_limit(const nlohmann::json& args) {
  long limit = arg_int(args, "limit").value_or(100);
  if (limit <= 0) limit = 100;
  return static_cast<std::size_t>(std::min(limit, 999L));
}

// One page of `list` (already in output order) starting at the cursor.
http_reply page_of(const workspace& ws, const channel& ch, std::vector<const message*> list,
                   const nlohmann::json& args, bool newest_first) {
  cursor_arg cursor = read_cursor(args);
  if (!cursor.valid) return slack_error("invalid_cursor");
  if (cursor.at) {
    std::erase_if(list, [&](const message* m) {
      auto t = *parse_ts(m->ts);
      return newest_first ? t > *cursor.at : t < *cursor.at;
    });
  }
  std::size_t limit = read_limit(args);
  bool has_more = list.size() > limit;
  auto messages = nlohmann::json::array();
  for (std::size_t i = 0; i < std::min(limit, list.size()); ++i) {
    messages.push_back(slack_message_json(ws, ch, *list[i]));
  }
  return slack_ok({{"messages", messages},
                   {"has_more", has_more},
                   {"pin_count", 0},
                   {"response_metadata",
                    {{"next_cursor", has_more ? encode_cursor(list[limit]->ts) : ""}}}});
}

}  // namespace

http_reply auth_test(api_call& call) {
  const team_identity& team = call.slack.ctx.ws.team();
  return slack_ok({{"url", "https://" + team.domain + ".slack.com/"},
                   {"team", team.name},
                   {"user", team.bot_name},
                   {"team_id", team.id},
                   {"user_id", team.bot_user_id},
                   {"bot_id", team.bot_id},
                   {"is_enterprise_install", false}});
}

http_reply apps_connections_open(api_call& call) {
  sim_context& ctx = call.slack.ctx;
  std::string ticket = call.slack.tickets.issue(ctx.ids);
  return slack_ok({{"url", "ws://127.0.0.1:" + std::to_string(ctx.port) + "/link/?ticket=" +
                               ticket + "&app_id=" + ctx.ws.team().app_id}});
}

http_reply conversations_history(api_call& call) {
  workspace& ws = call.slack.ctx.ws;
  channel* ch = ws.find_channel_by_id(arg_string(call.args, "channel").value_or(""));
  if (!ch) return slack_error("channel_not_found");
  if (!ch->members.contains(ws.team().bot_user_id)) return slack_error("not_in_channel");
  time_window window = read_window(call.args);
  std::vector<const message*> list;
  for (auto it = ch->messages.rbegin(); it != ch->messages.rend(); ++it) {
    if (it->deleted || (it->is_reply() && it->subtype != "thread_broadcast")) continue;
    if (window.contains(*parse_ts(it->ts))) list.push_back(&*it);
  }
  return page_of(ws, *ch, std::move(list), call.args, true);
}

http_reply conversations_replies(api_call& call) {
  workspace& ws = call.slack.ctx.ws;
  channel* ch = ws.find_channel_by_id(arg_string(call.args, "channel").value_or(""));
  if (!ch) return slack_error("channel_not_found");
  message* named = ws.find_message(*ch, arg_string(call.args, "ts").value_or(""));
  if (!named || named->deleted) return slack_error("thread_not_found");
  std::string parent_ts = named->is_reply() ? named->thread_ts : named->ts;
  time_window window = read_window(call.args);
  std::vector<const message*> list;
  for (const message* m : ws.thread(*ch, parent_ts)) {
    // The parent always leads; the window only filters replies.
    if (m->ts == parent_ts || window.contains(*parse_ts(m->ts))) list.push_back(m);
  }
  return page_of(ws, *ch, std::move(list), call.args, false);
}

http_reply users_info(api_call& call) {
  const workspace& ws = call.slack.ctx.ws;
  const user* u = ws.find_user(arg_string(call.args, "user").value_or(""));
  if (!u) return slack_error("user_not_found");
  nlohmann::json profile{{"display_name", u->name},
                         {"display_name_normalized", u->name},
                         {"real_name", u->real_name},
                         {"real_name_normalized", u->real_name},
                         {"team", ws.team().id}};
  if (u->is_bot) {
    profile["bot_id"] = ws.team().bot_id;
    profile["api_app_id"] = ws.team().app_id;
  }
  return slack_ok({{"user",
                    {{"id", u->id},
                     {"team_id", ws.team().id},
                     {"name", u->name},
                     {"deleted", false},
                     {"real_name", u->real_name},
                     {"tz", "UTC"},
                     {"tz_label", "Coordinated Universal Time"},
                     {"tz_offset", 0},
                     {"is_bot", u->is_bot},
                     {"is_app_user", false},
                     {"updated", 1700000000},
                     {"profile", profile}}}});
}

}  // namespace chatsim
