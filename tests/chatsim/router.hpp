// Role: maps request paths to handlers by longest matching prefix, so each dialect registers
// its own routes (e.g. "/api/" for Slack, "/api/v4/" for Mattermost) without a central switch.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "http_types.hpp"

namespace chatsim {

using request_handler = std::function<boost::asio::awaitable<http_reply>(const http_request&)>;

class router {
 public:
  void add(std::string prefix, request_handler handler);
  boost::asio::awaitable<http_reply> dispatch(const http_request& request) const;

 private:
  struct route {
    std::string prefix;
    request_handler handler;
  };
  std::vector<route> routes_;
};

}  // namespace chatsim
