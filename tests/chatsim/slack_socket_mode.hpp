// Role: the Socket Mode websocket endpoint (/link/?ticket=…): ticket check on upgrade, and the
// set of open connections that the control API can disconnect or drop.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "http_types.hpp"
#include "upgrade_route.hpp"

namespace chatsim {

struct slack_state;
class socket_mode_session;

class socket_mode_server {
 public:
  explicit socket_mode_server(slack_state& slack) : slack_(slack) {}

  // The HTTP server's route for "/link": the ticket must be valid (it is used up), else 401.
  upgrade_route route();

  // Sends {"type":"disconnect","reason":…} to every open socket; each closes after `grace`.
  std::size_t disconnect_all(const std::string& reason, std::chrono::milliseconds grace);
  std::size_t drop_all();  // TCP close, no close frame
  std::size_t open_count() const { return sessions_.size(); }

  // Called by sessions.
  void opened(const std::shared_ptr<socket_mode_session>& session);
  void closed(const socket_mode_session* session);

 private:
  int authorize(const http_request& request);
  void accept(upgrade_request&& upgrade);
  std::vector<std::shared_ptr<socket_mode_session>> live_sessions() const;

  slack_state& slack_;
  std::vector<std::weak_ptr<socket_mode_session>> sessions_;
};

}  // namespace chatsim
