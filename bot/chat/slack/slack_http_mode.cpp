#include "bot/chat/slack/slack_http_mode.hpp"

#include <charconv>

#include "bot/net/hmac.hpp"
#include "bot/net/url.hpp"

namespace oncall {

namespace {

// Slack's replay window (the official SDKs use the same five minutes).
constexpr std::int64_t max_age_seconds = 5 * 60;

std::string header(const inbound_http& request, const std::string& lower_name) {
  auto it = request.headers.find(lower_name);
  return it == request.headers.end() ? std::string{} : it->second;
}

}  // namespace

result<bool> verify_slack_request(const inbound_http& request, const std::string& signing_secret,
                                  std::int64_t now) {
  if (signing_secret.empty()) {
    return error{"Slack HTTP mode needs chat.slack.signing_secret in the config (the app's Basic Information page shows it)", ""};
  }
  const auto timestamp = header(request, "x-slack-request-timestamp");
  const auto signature = header(request, "x-slack-signature");
  if (timestamp.empty() || signature.empty()) {
    return error{"the request lacks X-Slack-Signature or X-Slack-Request-Timestamp", ""};
  }
  std::int64_t sent = 0;
  auto [end, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), sent);
  if (ec != std::errc{} || end != timestamp.data() + timestamp.size()) {
    return error{"X-Slack-Request-Timestamp is not a unix time", ""};
  }
  if (sent < now - max_age_seconds || sent > now + max_age_seconds) {
    return error{"the request is more than five minutes old (or from the future); check the server's clock", ""};
  }
  const auto expected = "v0=" + hmac_sha256_hex(signing_secret, "v0:" + timestamp + ":" + request.body);
  if (!constant_time_equal(expected, signature)) return error{"the request's Slack signature does not match", ""};
  return true;
}

nlohmann::json slack_form_payload(const std::string& body) {
  nlohmann::json payload = nlohmann::json::object();
  for (const auto& [key, value] : parse_form(body)) payload[key] = value;
  return payload;
}

std::optional<nlohmann::json> slack_action_payload(const std::string& body) {
  auto fields = parse_form(body);
  auto it = fields.find("payload");
  if (it == fields.end()) return std::nullopt;
  auto parsed = nlohmann::json::parse(it->second, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

}  // namespace oncall
