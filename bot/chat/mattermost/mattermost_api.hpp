// Mattermost REST API v4 with the bot's token: JSON in and out, errors as values, 429 with
// Retry-After (seconds) turned into retry_after.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "bot/core/time.hpp"
#include "bot/http/metrics_registry.hpp"
#include "bot/net/http_client.hpp"

namespace oncall {

struct mattermost_result {
  int status = 0;
  nlohmann::json body;
  std::string error;  // Mattermost's error id or message, "http_<status>", or a transport failure
  std::optional<duration> retry_after;
  bool transport_failure = false;
  bool ok() const { return error.empty() && status >= 200 && status < 300; }
};

class mattermost_api {
 public:
  mattermost_api(http_client& http, std::string server_url, std::string token);

  boost::asio::awaitable<mattermost_result> request(const std::string& method, const std::string& path,
                                                    const std::optional<nlohmann::json>& body = std::nullopt);
  // The same with a body that is not JSON (a multipart file upload).
  boost::asio::awaitable<mattermost_result> request_raw(const std::string& method, const std::string& path,
                                                        const std::string& content_type, std::string body);
  // Channel id for a name ("#alerts", "alerts") in the team, or the id itself; cached.
  boost::asio::awaitable<std::string> channel_id(const std::string& team, const std::string& name_or_id,
                                                 std::string& error);
  // Username for a user id, and user id for a username; cached.
  boost::asio::awaitable<std::string> username(const std::string& user_id);
  boost::asio::awaitable<std::string> user_id(const std::string& username);
  // The bot's own user id (GET /users/me); cached; empty when the server cannot say.
  boost::asio::awaitable<std::string> own_user_id();
  // The direct-message channel between the bot and `username` (POST /channels/direct, which
  // returns the existing one when there is one); cached. Empty with `error` set on failure.
  boost::asio::awaitable<std::string> direct_channel(const std::string& username, std::string& error);
  const std::string& server_url() const { return server_url_; }
  // Counts every request by route template, and 429 answers, from now on.
  void set_metrics(bot_metrics& metrics) { metrics_ = &metrics; }

 private:
  http_client& http_;
  std::string server_url_;
  std::string token_;
  std::map<std::string, std::string> channels_;
  std::map<std::string, std::string> usernames_;
  std::map<std::string, std::string> user_ids_;
  std::map<std::string, std::string> direct_channels_;  // username → channel id
  std::string own_id_;                                  // the bot's user id (GET /users/me)
  bot_metrics* metrics_ = nullptr;
};

// "PUT /posts/{id}/patch" for "PUT", "/posts/abc…z/patch?x=1": every segment that is not a
// word of the routes the bot calls becomes {id} and the query goes, so a metric label never
// holds an incident's, channel's or person's value and the label set stays bounded.
std::string mattermost_route_template(const std::string& method, const std::string& path);

// Mattermost ids are 26 lowercase base32 characters.
bool looks_like_mattermost_id(const std::string& s);

}  // namespace oncall
