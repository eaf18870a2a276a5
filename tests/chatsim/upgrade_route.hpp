// Role: how a websocket endpoint registers with the HTTP server: a path prefix, a check made on
// the upgrade request, and the function that takes over the connection.
#pragma once

#include <functional>
#include <string>

#include "http_types.hpp"

namespace chatsim {

struct upgrade_request;  // http_upgrade.hpp (Beast types; only the endpoints include it)

struct upgrade_route {
  std::string prefix;  // path prefix, e.g. "/link"
  // 0 to accept the upgrade, otherwise the HTTP status to answer (e.g. 401).
  std::function<int(const http_request&)> authorize;
  std::function<void(upgrade_request&&)> accept;
};

}  // namespace chatsim
