// Role: implementation of the Slack message shapes.
#include "slack_messages.hpp"

namespace chatsim {
namespace {

void add_thread_fields(const workspace& ws, const channel& ch, const message& m,
                       nlohmann::json& out) {
  if (m.thread_ts.empty()) return;
  out["thread_ts"] = m.thread_ts;
  if (m.is_reply()) {
    const user* parent_author = nullptr;
    for (const auto& candidate : ch.messages) {
      if (candidate.ts == m.thread_ts) parent_author = ws.find_user(candidate.user);
    }
    if (parent_author) out["parent_user_id"] = parent_author->id;
    return;
  }
  thread_summary summary = ws.summarize_thread(ch, m.ts);
  out["reply_count"] = summary.reply_count;
  out["reply_users_count"] = summary.reply_users.size();
  out["reply_users"] = summary.reply_users;
  out["latest_reply"] = summary.latest_reply;
  out["is_locked"] = false;
  out["subscribed"] = false;
}

nlohmann::json reactions_json(const message& m) {
  auto list = nlohmann::json::array();
  for (const auto& r : m.reactions) {
    list.push_back({{"name", r.name}, {"users", r.users}, {"count", r.users.size()}});
  }
  return list;
}

}  // namespace

nlohmann::json bot_profile_json(const team_identity& team) {
  return {{"id", team.bot_id},
          {"app_id", team.app_id},
          {"name", team.bot_name},
          {"deleted", false},
          {"updated", 1700000000},
          {"team_id", team.id},
          {"icons",
           {{"image_36", "https://a.slack-edge.com/80588/img/plugins/app/bot_36.png"},
            {"image_48", "https://a.slack-edge.com/80588/img/plugins/app/bot_48.png"},
            {"image_72", "https://a.slack-edge.com/80588/img/plugins/app/service_72.png"}}}};
}

nlohmann::json slack_content_json(const message_content& content) {
  nlohmann::json out{{"text", content.text}};
  if (!content.blocks.is_null()) out["blocks"] = content.blocks;
  if (!content.attachments.is_null()) out["attachments"] = content.attachments;
  return out;
}

nlohmann::json slack_message_json(const workspace& ws, const channel& ch, const message& m) {
  const team_identity& team = ws.team();
  nlohmann::json out = slack_content_json(m.content);
  out["type"] = "message";
  out["user"] = m.user;
  out["ts"] = m.ts;
  out["team"] = team.id;
  if (!m.subtype.empty()) out["subtype"] = m.subtype;
  if (!m.bot_id.empty()) {
    out["bot_id"] = m.bot_id;
    out["app_id"] = team.app_id;
    out["bot_profile"] = bot_profile_json(team);
  }
  if (!m.client_msg_id.empty()) out["client_msg_id"] = m.client_msg_id;
  if (!m.metadata.is_null()) out["metadata"] = m.metadata;
  if (!m.edited_ts.empty()) out["edited"] = {{"user", m.edited_by}, {"ts", m.edited_ts}};
  if (!m.reactions.empty()) out["reactions"] = reactions_json(m);
  if (!m.files.is_null()) {
    out["files"] = m.files;
    out["upload"] = true;
  }
  add_thread_fields(ws, ch, m, out);
  return out;
}

}  // namespace chatsim
