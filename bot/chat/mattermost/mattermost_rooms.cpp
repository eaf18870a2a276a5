// Dedicated incident channels on Mattermost: POST /channels in the configured team (the bot, as
// creator, is a member) and POST /channels/{id}/members for each person.
#include <spdlog/spdlog.h>

#include "bot/chat/mattermost/mattermost_platform.hpp"
#include "bot/net/url.hpp"

namespace oncall {

namespace asio = boost::asio;
using nlohmann::json;

namespace {

constexpr const char* name_exists = "store.sql_channel.save_channel.exists.app_error";

}  // namespace

asio::awaitable<post_result> mattermost_platform::create_channel(const std::string& name,
                                                                 const std::string& purpose) {
  auto team = co_await api_.request("GET", "/teams/name/" + url_encode(cfg_.team));
  if (!team.ok()) co_return to_post_result(team);
  json body = {{"team_id", team.body.value("id", "")}, {"name", name}, {"display_name", name},
               {"type", "O"}, {"purpose", purpose}};
  auto made = co_await api_.request("POST", "/channels", body);
  auto out = to_post_result(made);
  if (made.error == name_exists) out.error = "name_taken";  // one word for both platforms
  if (made.ok()) out.channel = made.body.value("id", "");
  co_return out;
}

asio::awaitable<post_result> mattermost_platform::invite(const std::string& channel,
                                                         const std::vector<std::string>& users) {
  for (const auto& username : users) {
    if (username.empty()) continue;
    auto user_id = co_await api_.user_id(username);
    if (user_id.empty()) {
      spdlog::warn("mattermost: cannot invite {} to {}: no such user", username, channel);
      continue;
    }
    json body = {{"user_id", user_id}};
    auto r = co_await api_.request("POST", "/channels/" + url_encode(channel) + "/members", body);
    if (!r.ok()) co_return to_post_result(r);
  }
  co_return post_result{true, channel, {}};
}

}  // namespace oncall
