// Slack's HTTP mode (SPEC §4: POST /slack/command and /slack/action), for workspaces that do not
// use Socket Mode: requests are verified by the signing secret (v0 HMAC-SHA256 over
// "v0:{timestamp}:{raw body}", at most five minutes old) and turned into the same commands and
// clicks as Socket Mode envelopes. Pure functions, tested with Slack's published test vector.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "bot/chat/chat_platform.hpp"
#include "bot/core/result.hpp"

namespace oncall {

inline constexpr const char* slack_command_path = "/slack/command";
inline constexpr const char* slack_action_path = "/slack/action";

// Checks X-Slack-Signature and X-Slack-Request-Timestamp against the raw body; `now` in unix
// seconds. The error says which check failed (never the secret or the expected signature).
result<bool> verify_slack_request(const inbound_http& request, const std::string& signing_secret,
                                  std::int64_t now);

// The form fields of a slash-command request as the JSON payload Socket Mode would carry.
nlohmann::json slack_form_payload(const std::string& body);

// The JSON in an interactivity request's `payload` field; nullopt when absent or not JSON.
std::optional<nlohmann::json> slack_action_payload(const std::string& body);

}  // namespace oncall
