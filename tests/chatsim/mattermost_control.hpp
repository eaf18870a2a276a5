// Role: the Mattermost part of the control API (/_sim/mattermost/…): register and run slash
// commands, click buttons, act as people, drop sockets, and read channels, users and commands
// back.
#pragma once

#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "http_types.hpp"

namespace chatsim {

struct mattermost_state;

class mattermost_control {
 public:
  explicit mattermost_control(mattermost_state& mm) : mm_(mm) {}
  boost::asio::awaitable<http_reply> handle(const http_request& request);

 private:
  http_reply read(const http_request& request, const std::vector<std::string>& path);

  mattermost_state& mm_;
};

}  // namespace chatsim
