// Dedicated incident channels on Slack: conversations.create (the bot, as creator, is in it)
// and conversations.invite, one person a call so one who cannot be added (already in, unknown)
// does not keep the others out.
#include <spdlog/spdlog.h>

#include "bot/chat/slack/slack_platform.hpp"

namespace oncall {

namespace asio = boost::asio;

asio::awaitable<post_result> slack_platform::create_channel(const std::string& name,
                                                            const std::string& purpose) {
  nlohmann::json args = {{"name", name}, {"is_private", false}};
  auto made = co_await api_.call("conversations.create", args);
  if (!made.ok) {
    auto failed = to_post_result(made);
    if (made.error == "name_taken" || made.error.rfind("invalid_name", 0) == 0) failed.permanent = true;
    co_return failed;
  }
  // Not to_post_result: its `channel` is a string, here it is the channel object.
  post_result out{true, made.body["channel"].value("id", ""), {}};
  // The purpose is not set: conversations.setPurpose is one more call that can fail, and the
  // announcement posted next says what the channel is for.
  (void)purpose;
  co_return out;
}

asio::awaitable<post_result> slack_platform::invite(const std::string& channel,
                                                    const std::vector<std::string>& users) {
  for (const auto& user : users) {
    if (user.empty() || user == bot_user_id_) continue;
    nlohmann::json args = {{"channel", channel}, {"users", user}};
    auto r = co_await api_.call("conversations.invite", args);
    if (r.ok || r.error == "already_in_channel" || r.error == "cant_invite_self") continue;
    if (r.error == "user_not_found" || r.error == "user_is_restricted" || r.error == "user_is_deactivated") {
      spdlog::warn("slack: cannot invite {} to {}: {}", user, channel, r.error);
      continue;
    }
    co_return to_post_result(r);  // retried as a whole; those already in count as added
  }
  co_return post_result{true, channel, {}};
}

}  // namespace oncall
