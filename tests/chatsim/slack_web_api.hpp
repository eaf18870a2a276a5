// Role: the Slack Web API endpoint (POST or GET /api/<method>): counts the call, applies injected
// faults, checks the token type, and runs the method.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http_types.hpp"

namespace chatsim {

struct slack_state;

class slack_web_api {
 public:
  explicit slack_web_api(slack_state& slack) : slack_(slack) {}
  boost::asio::awaitable<http_reply> handle(const http_request& request);

 private:
  http_reply call(const http_request& request, const std::string& method);

  slack_state& slack_;
};

}  // namespace chatsim
