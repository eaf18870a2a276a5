// REST calls and the small caches (channel and user names) the adapter needs.
#include "bot/chat/mattermost/mattermost_api.hpp"

#include <algorithm>
#include <set>

#include "bot/net/url.hpp"

namespace oncall {

bool looks_like_mattermost_id(const std::string& s) {
  return s.size() == 26 && std::all_of(s.begin(), s.end(), [](unsigned char c) {
           return std::islower(c) || std::isdigit(c);
         });
}

mattermost_api::mattermost_api(http_client& http, std::string server_url, std::string token)
    : http_(http), server_url_(std::move(server_url)), token_(std::move(token)) {
  while (!server_url_.empty() && server_url_.back() == '/') server_url_.pop_back();
}

boost::asio::awaitable<mattermost_result> mattermost_api::request(
    const std::string& method, const std::string& path, const std::optional<nlohmann::json>& body) {
  if (body) co_return co_await request_raw(method, path, "application/json", body->dump());
  co_return co_await request_raw(method, path, "", "");
}

boost::asio::awaitable<mattermost_result> mattermost_api::request_raw(const std::string& method,
                                                                      const std::string& path,
                                                                      const std::string& content_type,
                                                                      std::string body) {
  http_request req;
  req.method = method;
  req.url = server_url_ + "/api/v4" + path;
  req.headers = {{"Authorization", "Bearer " + token_}, {"Accept", "application/json"}};
  if (!content_type.empty()) {
    req.headers.emplace_back("Content-Type", content_type);
    req.body = std::move(body);
  }
  auto res = co_await http_.send(std::move(req));
  if (metrics_) {
    metrics_->chat_api_calls.add(mattermost_route_template(method, path));
    if (res.status == 429) metrics_->chat_rate_limited.add();
  }
  mattermost_result out;
  out.status = res.status;
  if (!res.error.empty()) {
    out.error = res.error;
    out.transport_failure = true;
    co_return out;
  }
  if (res.status == 429) {
    // Mattermost's 429 body is plain text; only the status and Retry-After count.
    out.error = "rate_limited";
    out.retry_after = res.retry_after();
    co_return out;
  }
  out.body = nlohmann::json::parse(res.body, nullptr, false);
  if (res.status < 200 || res.status >= 300) {
    out.error = out.body.is_object() ? out.body.value("id", "http_" + std::to_string(res.status))
                                     : "http_" + std::to_string(res.status);
    out.transport_failure = res.status >= 500;
  }
  co_return out;
}

boost::asio::awaitable<std::string> mattermost_api::channel_id(const std::string& team,
                                                               const std::string& name_or_id,
                                                               std::string& error) {
  std::string name = name_or_id;
  if (!name.empty() && (name.front() == '#' || name.front() == '~')) name.erase(0, 1);
  if (looks_like_mattermost_id(name)) co_return name;
  if (auto it = channels_.find(name); it != channels_.end()) co_return it->second;
  auto res = co_await request("GET", "/teams/name/" + url_encode(team) + "/channels/name/" + url_encode(name));
  if (!res.ok()) {
    error = "channel '" + name + "' in team '" + team + "': " + res.error;
    co_return std::string{};
  }
  auto id = res.body.value("id", "");
  if (!id.empty()) channels_[name] = id;
  co_return id;
}

boost::asio::awaitable<std::string> mattermost_api::username(const std::string& id) {
  if (auto it = usernames_.find(id); it != usernames_.end()) co_return it->second;
  auto res = co_await request("GET", "/users/" + url_encode(id));
  if (!res.ok()) co_return std::string{};
  auto name = res.body.value("username", "");
  if (!name.empty()) {
    usernames_[id] = name;
    user_ids_[name] = id;
  }
  co_return name;
}

boost::asio::awaitable<std::string> mattermost_api::user_id(const std::string& name) {
  if (auto it = user_ids_.find(name); it != user_ids_.end()) co_return it->second;
  auto res = co_await request("GET", "/users/username/" + url_encode(name));
  if (!res.ok()) co_return std::string{};
  auto id = res.body.value("id", "");
  if (!id.empty()) {
    user_ids_[name] = id;
    usernames_[id] = name;
  }
  co_return id;
}

boost::asio::awaitable<std::string> mattermost_api::own_user_id() {
  if (own_id_.empty()) {
    auto me = co_await request("GET", "/users/me");
    if (me.ok()) own_id_ = me.body.value("id", "");
  }
  co_return own_id_;
}

boost::asio::awaitable<std::string> mattermost_api::direct_channel(const std::string& name,
                                                                  std::string& error) {
  if (auto it = direct_channels_.find(name); it != direct_channels_.end()) co_return it->second;
  if ((co_await own_user_id()).empty()) {
    error = "cannot read the bot's own user (GET /users/me)";
    co_return std::string{};
  }
  auto other = co_await user_id(name);
  if (other.empty()) {
    error = "no Mattermost user named '" + name + "'";
    co_return std::string{};
  }
  nlohmann::json pair = nlohmann::json::array();
  pair.push_back(own_id_);
  pair.push_back(other);
  auto res = co_await request("POST", "/channels/direct", pair);
  auto id = res.ok() ? res.body.value("id", "") : "";
  if (id.empty()) {
    error = "cannot open a direct channel with '" + name + "': " + res.error;
    co_return std::string{};
  }
  direct_channels_[name] = id;
  co_return id;
}

std::string mattermost_route_template(const std::string& method, const std::string& path) {
  // The literal words of the API v4 routes the bot calls; any other segment is an id or a name.
  static const std::set<std::string> words = {"channels", "direct", "ephemeral", "files", "me",
                                              "members", "name", "patch", "pin", "posts", "teams",
                                              "thread", "unpin", "username", "users"};
  std::string out = method.empty() ? "GET" : method;
  out += ' ';
  const std::string route = path.substr(0, path.find('?'));
  std::size_t start = route.empty() || route[0] != '/' ? 0 : 1;
  while (start <= route.size()) {
    auto end = route.find('/', start);
    if (end == std::string::npos) end = route.size();
    const std::string segment = route.substr(start, end - start);
    out += '/';
    out += words.count(segment) ? segment : "{id}";
    start = end + 1;
  }
  return out;
}

}  // namespace oncall
