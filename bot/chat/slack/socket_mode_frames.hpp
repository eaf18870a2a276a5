// Socket Mode frames as values: parsing what Slack sends (hello, disconnect, envelopes) and
// building acks. Pure functions, so the protocol is tested without sockets.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "bot/chat/chat_platform.hpp"

namespace oncall {

struct socket_frame {
  enum class kind { hello, disconnect, envelope, unknown };
  kind type = kind::unknown;
  std::string disconnect_reason;  // warning, refresh_requested, link_disabled, …
  std::string envelope_id;
  std::string envelope_type;      // slash_commands, interactive, events_api
  nlohmann::json payload;
  bool accepts_response_payload = false;
};

socket_frame parse_socket_frame(std::string_view text);

// A slash_commands payload as a command for oncallbot; nullopt when fields are missing.
std::optional<inbound_command> slack_command(const nlohmann::json& payload);
// A block_actions payload's first button as a click; nullopt for other interactions.
std::optional<inbound_click> slack_click(const nlohmann::json& payload);

// The ack frame; with a payload for slash-command replies. Slack drops acks of 20 KiB or more,
// so an oversized reply is cut to its text.
std::string slack_ack(const std::string& envelope_id, const std::optional<nlohmann::json>& payload = std::nullopt);

}  // namespace oncall
