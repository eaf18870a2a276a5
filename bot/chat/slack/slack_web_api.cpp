// Slack Web API client on top of http_client.
#include "bot/chat/slack/slack_web_api.hpp"

#include "bot/net/url.hpp"


namespace oncall {

slack_web_api::slack_web_api(http_client& http, std::string api_url, std::string bot_token,
                             std::string app_token)
    : http_(http), api_url_(std::move(api_url)), bot_token_(std::move(bot_token)),
      app_token_(std::move(app_token)) {
  if (!api_url_.empty() && api_url_.back() != '/') api_url_ += '/';
}

boost::asio::awaitable<slack_api_result> slack_web_api::call(const std::string& method,
                                                             const nlohmann::json& args) {
  co_return co_await send(method, args.dump(), bot_token_, "application/json; charset=utf-8");
}

boost::asio::awaitable<slack_api_result> slack_web_api::call_form(const std::string& method,
                                                                  const nlohmann::json& args) {
  std::string body;
  for (const auto& [key, value] : args.items()) {
    if (!body.empty()) body += '&';
    body += url_encode(key) + "=" + url_encode(value.is_string() ? value.get<std::string>() : value.dump());
  }
  co_return co_await send(method, std::move(body), bot_token_, "application/x-www-form-urlencoded");
}

boost::asio::awaitable<slack_api_result> slack_web_api::open_connection() {
  // The docs' form: POST, app token in the header, form content type, no body.
  co_return co_await send("apps.connections.open", "", app_token_, "application/x-www-form-urlencoded");
}

boost::asio::awaitable<slack_api_result> slack_web_api::send_upload(const std::string& upload_url,
                                                                    std::string content) {
  http_request req;
  req.url = upload_url;
  req.headers = {{"Content-Type", "application/octet-stream"}};
  req.body = std::move(content);
  req.timeout = std::chrono::milliseconds{60'000};  // a large draft may take a while
  auto res = co_await http_.send(std::move(req));
  if (metrics_) {
    // The upload URL carries a one-off id: counted under one fixed name.
    metrics_->chat_api_calls.add("files.upload_url");
    if (res.status == 429) metrics_->chat_rate_limited.add();
  }
  slack_api_result out;
  out.ok = res.error.empty() && res.status == 200;
  if (!res.error.empty()) {
    out.error = res.error;
    out.transport_failure = true;
  } else if (res.status == 429) {
    out.error = "ratelimited";
    out.retry_after = res.retry_after();
  } else if (!out.ok) {
    out.error = "upload_http_" + std::to_string(res.status);
    out.transport_failure = res.status >= 500;
  }
  co_return out;
}

boost::asio::awaitable<slack_api_result> slack_web_api::send(const std::string& method,
                                                             std::string body,
                                                             const std::string& token,
                                                             const std::string& content_type) {
  http_request req;
  req.url = api_url_ + method;
  req.headers = {{"Authorization", "Bearer " + token}, {"Content-Type", content_type}};
  req.body = std::move(body);
  auto res = co_await http_.send(std::move(req));
  if (metrics_) {
    metrics_->chat_api_calls.add(method);  // Web API method names are a fixed set in the code
    if (res.status == 429) metrics_->chat_rate_limited.add();
  }
  slack_api_result out;
  if (!res.error.empty()) {
    out.error = res.error;
    out.transport_failure = true;
    co_return out;
  }
  if (res.status == 429) {
    // The body of a 429 is not reliable (empty or ratelimited): the status and header count.
    out.error = "ratelimited";
    out.retry_after = res.retry_after();
    co_return out;
  }
  if (res.status != 200) {
    out.error = "http_" + std::to_string(res.status);
    out.transport_failure = true;
    co_return out;
  }
  out.body = nlohmann::json::parse(res.body, nullptr, false);
  if (!out.body.is_object()) {
    out.error = "invalid_response";
    out.transport_failure = true;
    co_return out;
  }
  out.ok = out.body.value("ok", false);
  if (!out.ok) out.error = out.body.value("error", "unknown_error");
  co_return out;
}

bool slack_error_is_permanent(const std::string& error) {
  static const char* permanent[] = {
      "channel_not_found", "not_in_channel", "is_archived", "no_text", "invalid_blocks",
      "msg_blocks_too_long", "too_many_attachments", "invalid_auth", "not_authed",
      "account_inactive", "token_revoked", "missing_scope", "cant_update_message",
      "message_not_found", "edit_window_closed", "msg_too_long", "invalid_arguments",
      "user_not_in_channel", "invalid_thread_ts", "thread_not_found", "not_allowed_token_type",
      // file uploads (files.getUploadURLExternal, files.completeUploadExternal)
      "file_uploads_disabled", "file_upload_size_restricted", "storage_limit_reached",
      "missing_argument", "access_denied", "invalid_channel", "posting_to_channel_denied"};
  for (const char* p : permanent) {
    if (error == p) return true;
  }
  return false;
}

}  // namespace oncall
