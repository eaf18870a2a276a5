// Role: the Mattermost websocket endpoint (/api/v4/websocket): upgrade, authentication by
// header or authentication_challenge, client actions (ping, user_typing, statuses), server
// pings with a pong deadline, and the set of open sockets the control API can drop.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "http_types.hpp"
#include "upgrade_route.hpp"

namespace chatsim {

struct mattermost_state;
class mm_socket_session;

class mm_socket_server {
 public:
  static constexpr std::chrono::seconds auth_timeout{5};  // Mattermost's authCheckInterval
  static constexpr int pong_deadline_pings = 10;  // 100 s at the default 10 s ping interval

  explicit mm_socket_server(mattermost_state& mm) : mm_(mm) {}

  upgrade_route route();
  std::size_t drop_all();  // TCP close, no close frame
  std::size_t open_count() const { return sessions_.size(); }

  // Called by sessions.
  void opened(const std::shared_ptr<mm_socket_session>& session);
  void closed(const mm_socket_session* session);

 private:
  void accept(upgrade_request&& upgrade);

  mattermost_state& mm_;
  std::vector<std::weak_ptr<mm_socket_session>> sessions_;
};

}  // namespace chatsim
