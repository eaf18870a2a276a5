// Slack Web API calls with the bot token (or the app token for apps.connections.open): JSON
// bodies with a Bearer header, `ok` checked, 429 turned into a retry_after.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "bot/core/time.hpp"
#include "bot/http/metrics_registry.hpp"
#include "bot/net/http_client.hpp"

namespace oncall {

struct slack_api_result {
  bool ok = false;
  nlohmann::json body;   // the whole answer when one came
  std::string error;     // Slack's error code, "http_500", or the transport failure
  std::optional<duration> retry_after;
  bool transport_failure = false;
};

class slack_web_api {
 public:
  slack_web_api(http_client& http, std::string api_url, std::string bot_token, std::string app_token);

  boost::asio::awaitable<slack_api_result> call(const std::string& method, const nlohmann::json& args);
  // For methods that take no JSON body (conversations.replies, users.info): the same arguments
  // (strings and numbers) sent form-encoded.
  boost::asio::awaitable<slack_api_result> call_form(const std::string& method, const nlohmann::json& args);
  // apps.connections.open: authenticated with the app-level token.
  boost::asio::awaitable<slack_api_result> open_connection();
  // Counts every call by method, and 429 answers, from now on.
  void set_metrics(bot_metrics& metrics) { metrics_ = &metrics; }
  // Step 2 of a file upload: the raw bytes POSTed to the upload_url that
  // files.getUploadURLExternal gave (no token: the URL is the credential). ok on HTTP 200.
  boost::asio::awaitable<slack_api_result> send_upload(const std::string& upload_url, std::string content);

 private:
  boost::asio::awaitable<slack_api_result> send(const std::string& method, std::string body,
                                                const std::string& token, const std::string& content_type);
  http_client& http_;
  std::string api_url_;
  std::string bot_token_;
  std::string app_token_;
  bot_metrics* metrics_ = nullptr;
};

// Errors that retrying the same call cannot fix.
bool slack_error_is_permanent(const std::string& error);

}  // namespace oncall
