// Socket Mode frame parsing (protocols.md A2, A3, A8, A9).
#include "bot/chat/slack/socket_mode_frames.hpp"

#include "bot/chat/slack/slack_render.hpp"

namespace oncall {

namespace {

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

}  // namespace

socket_frame parse_socket_frame(std::string_view text) {
  socket_frame f;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return f;
  auto type = str(j, "type");
  if (type == "hello") {
    f.type = socket_frame::kind::hello;
  } else if (type == "disconnect") {
    f.type = socket_frame::kind::disconnect;
    f.disconnect_reason = str(j, "reason");
  } else if (j.contains("envelope_id")) {
    f.type = socket_frame::kind::envelope;
    f.envelope_id = str(j, "envelope_id");
    f.envelope_type = type;
    if (auto p = j.find("payload"); p != j.end()) f.payload = *p;
    f.accepts_response_payload = j.value("accepts_response_payload", false);
  }
  return f;
}

std::optional<inbound_command> slack_command(const nlohmann::json& payload) {
  if (!payload.is_object()) return std::nullopt;
  inbound_command c;
  c.delivery_id = "slack-command:" + str(payload, "trigger_id");
  c.user = str(payload, "user_id");
  c.channel = str(payload, "channel_id");
  c.text = slack_unescape(str(payload, "text"));
  if (c.user.empty() || c.channel.empty() || str(payload, "trigger_id").empty()) return std::nullopt;
  return c;
}

std::optional<inbound_click> slack_click(const nlohmann::json& payload) {
  if (!payload.is_object() || str(payload, "type") != "block_actions") return std::nullopt;
  auto actions = payload.find("actions");
  if (actions == payload.end() || !actions->is_array() || actions->empty()) return std::nullopt;
  const auto& action = actions->front();
  inbound_click c;
  c.action_id = str(action, "action_id");
  c.value = str(action, "value");
  if (auto user = payload.find("user"); user != payload.end() && user->is_object()) {
    c.user = str(*user, "id");
  }
  if (auto container = payload.find("container"); container != payload.end() && container->is_object()) {
    c.channel = str(*container, "channel_id");
    c.message_ref = str(*container, "message_ts");
  }
  // trigger_id is unique per click; the action's timestamp covers payloads without one.
  auto trigger = str(payload, "trigger_id");
  c.delivery_id = "slack-click:" + (trigger.empty() ? str(action, "action_ts") : trigger);
  if (c.user.empty() || c.action_id.empty()) return std::nullopt;
  return c;
}

std::string slack_ack(const std::string& envelope_id, const std::optional<nlohmann::json>& payload) {
  nlohmann::json ack = {{"envelope_id", envelope_id}};
  if (payload) {
    ack["payload"] = *payload;
    auto text = ack.dump();
    if (text.size() < 19 * 1024) return text;
    const std::string full = payload->value("text", "");
    // JSON may spell one byte as six ("\u0001"), so halve the cut until the ack fits; a cut
    // never splits a UTF-8 sequence, which dump() would refuse.
    for (std::size_t keep = std::min<std::size_t>(full.size(), 12 * 1024);; keep /= 2) {
      while (keep > 0 && (static_cast<unsigned char>(full[keep]) & 0xC0) == 0x80) --keep;
      ack["payload"] = {
          {"text", full.substr(0, keep) + "\n… (cut: the reply was too long for Slack)"},
          {"response_type", payload->value("response_type", "ephemeral")}};
      text = ack.dump();
      if (text.size() < 19 * 1024 || keep == 0) return text;
    }
  }
  return ack.dump();
}

}  // namespace oncall
