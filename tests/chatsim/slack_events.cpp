// Role: implementation of the Events API object builders.
#include "slack_events.hpp"

#include "slack_messages.hpp"

namespace chatsim {

nlohmann::json event_callback(const team_identity& team, nlohmann::json event,
                              const std::string& event_id, std::int64_t event_time) {
  std::string context = "1-" + event.value("type", std::string("event")) + "-" + team.id + "-" +
                        event.value("channel", std::string(""));
  return {{"token", "sim-verification-token"},
          {"team_id", team.id},
          {"api_app_id", team.app_id},
          {"event", std::move(event)},
          {"type", "event_callback"},
          {"event_id", event_id},
          {"event_time", event_time},
          {"authorizations", nlohmann::json::array({{{"enterprise_id", nullptr},
                                                     {"team_id", team.id},
                                                     {"user_id", team.bot_user_id},
                                                     {"is_bot", true},
                                                     {"is_enterprise_install", false}}})},
          {"is_ext_shared_channel", false},
          {"event_context", context}};
}

nlohmann::json message_event(const workspace& ws, const channel& ch, const message& m) {
  nlohmann::json event = slack_message_json(ws, ch, m);
  // Events carry the thread link but not the reply counters that history shows.
  for (const char* key : {"reply_count", "reply_users_count", "reply_users", "latest_reply",
                          "is_locked", "subscribed", "reactions"}) {
    event.erase(key);
  }
  event["channel"] = ch.id;
  event["event_ts"] = m.ts;
  event["channel_type"] = "channel";
  return event;
}

nlohmann::json message_changed_event(const workspace& ws, const channel& ch, const message& now,
                                     nlohmann::json previous, const std::string& event_ts) {
  return {{"type", "message"},
          {"subtype", "message_changed"},
          {"hidden", true},
          {"message", slack_message_json(ws, ch, now)},
          {"channel", ch.id},
          {"previous_message", std::move(previous)},
          {"event_ts", event_ts},
          {"ts", event_ts},
          {"channel_type", "channel"}};
}

nlohmann::json message_deleted_event(const channel& ch, nlohmann::json previous,
                                     const std::string& deleted_ts, const std::string& event_ts) {
  return {{"type", "message"},
          {"subtype", "message_deleted"},
          {"hidden", true},
          {"channel", ch.id},
          {"deleted_ts", deleted_ts},
          {"previous_message", std::move(previous)},
          {"event_ts", event_ts},
          {"ts", event_ts},
          {"channel_type", "channel"}};
}

nlohmann::json reaction_added_event(const channel& ch, const message& m, const std::string& user,
                                    const std::string& reaction, const std::string& event_ts) {
  return {{"type", "reaction_added"},
          {"user", user},
          {"reaction", reaction},
          {"item", {{"type", "message"}, {"channel", ch.id}, {"ts", m.ts}}},
          {"item_user", m.user},
          {"event_ts", event_ts}};
}

nlohmann::json reaction_removed_event(const channel& ch, const message& m, const std::string& user,
                                      const std::string& reaction, const std::string& event_ts) {
  nlohmann::json event = reaction_added_event(ch, m, user, reaction, event_ts);
  event["type"] = "reaction_removed";
  return event;
}

}  // namespace chatsim
