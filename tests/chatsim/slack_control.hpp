// Role: the Slack part of the control API: act as people (/_sim/slack/command, click, message,
// edit, delete, react), steer the sockets (drop_sockets, disconnect) and read envelopes back
// (/_sim/envelopes[/<envelope or trigger id>]).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "http_types.hpp"

namespace chatsim {

struct slack_state;
struct envelope_record;

class slack_control {
 public:
  explicit slack_control(slack_state& slack) : slack_(slack) {}
  boost::asio::awaitable<http_reply> handle(const http_request& request);

 private:
  boost::asio::awaitable<http_reply> command(const nlohmann::json& body);
  boost::asio::awaitable<http_reply> click(const nlohmann::json& body);
  boost::asio::awaitable<http_reply> wait_and_report(std::shared_ptr<envelope_record> record,
                                                     const nlohmann::json& body);
  http_reply envelopes(const std::vector<std::string>& path);
  http_reply disconnect(const nlohmann::json& body);

  slack_state& slack_;
};

}  // namespace chatsim
