// Role: custom slash commands as Mattermost runs them: the registered commands, the form POST
// chatsim sends to the command URL (POST /_sim/mattermost/command), and the response_url
// endpoint (/hooks/commands/<id>, 5 uses within 30 minutes).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "http_types.hpp"

namespace chatsim {

struct mattermost_state;

struct mm_command {
  std::string id, trigger, url, token;  // trigger without the slash
};

class mm_command_book {
 public:
  const mm_command& add(mm_command c);  // replaces a command with the same trigger
  const mm_command* find(std::string_view trigger) const;  // "oncall" or "/oncall"
  const std::vector<mm_command>& all() const { return commands_; }

 private:
  std::vector<mm_command> commands_;
};

struct mm_command_hook {
  std::string trigger, channel_id, user_id, root_id;
  int uses = 0;
  std::int64_t issued_at = 0;  // ms
};

class mm_hook_book {
 public:
  static constexpr int max_uses = 5;
  static constexpr std::int64_t lifetime_ms = 30LL * 60 * 1000;

  void add(std::string id, mm_command_hook hook) { hooks_[std::move(id)] = std::move(hook); }
  mm_command_hook* find(const std::string& id);

 private:
  std::map<std::string, mm_command_hook> hooks_;
};

// POST /_sim/mattermost/commands {trigger, url, token?} and GET (the list).
http_reply register_command(mattermost_state& mm, const nlohmann::json& body);
http_reply list_commands(const mattermost_state& mm);
// POST /_sim/mattermost/command {user, channel, text, command?, root_id?, wait_ms?}
boost::asio::awaitable<http_reply> run_slash_command(mattermost_state& mm, const nlohmann::json& body);
// POST /hooks/commands/<id>
http_reply handle_command_hook(mattermost_state& mm, const http_request& request);

}  // namespace chatsim
