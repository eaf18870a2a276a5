// Role: implementation of the slash command and block_actions payload builders.
#include "slack_interactions.hpp"

#include "slack_ims.hpp"
#include "slack_messages.hpp"
#include "text_codec.hpp"

namespace chatsim {

nlohmann::json slash_command_payload(const team_identity& team, const channel& ch, const user& who,
                                     const std::string& command, const std::string& text,
                                     const interaction_ids& ids) {
  // Socket Mode delivers the HTTP form fields as a JSON object of strings, so
  // is_enterprise_install is the string "false" here, as in Slack's own payloads.
  return {{"token", "sim-verification-token"},
          {"team_id", team.id},
          {"team_domain", team.domain},
          {"channel_id", ch.id},
          {"channel_name", payload_channel_name(ch)},
          {"user_id", who.id},
          {"user_name", who.name},
          {"command", command},
          {"text", slack_escape(text)},
          {"api_app_id", team.app_id},
          {"is_enterprise_install", "false"},
          {"response_url", ids.response_url},
          {"trigger_id", ids.trigger_id}};
}

nlohmann::json block_actions_payload(const workspace& ws, const channel& ch, const message& m,
                                     const user& who, const found_button& button,
                                     const interaction_ids& ids, const std::string& action_ts) {
  const team_identity& team = ws.team();
  nlohmann::json action{{"action_id", button.element.value("action_id", "")},
                        {"block_id", button.block_id},
                        {"text", button.element.value("text", nlohmann::json::object())},
                        {"type", "button"},
                        {"action_ts", action_ts}};
  if (button.element.contains("value")) action["value"] = button.element["value"];
  if (button.element.contains("style")) action["style"] = button.element["style"];
  return {{"type", "block_actions"},
          {"user", {{"id", who.id}, {"username", who.name}, {"name", who.name}, {"team_id", team.id}}},
          {"api_app_id", team.app_id},
          {"token", "sim-verification-token"},
          {"container",
           {{"type", "message"}, {"message_ts", m.ts}, {"channel_id", ch.id}, {"is_ephemeral", false}}},
          {"trigger_id", ids.trigger_id},
          {"team", {{"id", team.id}, {"domain", team.domain}}},
          {"enterprise", nullptr},
          {"is_enterprise_install", false},
          {"channel", {{"id", ch.id}, {"name", payload_channel_name(ch)}}},
          {"message", slack_message_json(ws, ch, m)},
          {"state", {{"values", nlohmann::json::object()}}},
          {"response_url", ids.response_url},
          {"actions", nlohmann::json::array({action})}};
}

}  // namespace chatsim
