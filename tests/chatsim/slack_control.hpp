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
struct person_target;

class slack_control {
 public:
  explicit slack_control(slack_state& slack) : slack_(slack) {}
  boost::asio::awaitable<http_reply> handle(const http_request& request);

 private:
  boost::asio::awaitable<http_reply> command(const nlohmann::json& body);
  boost::asio::awaitable<http_reply> click(const nlohmann::json& body);
  std::shared_ptr<envelope_record> submit_command(const person_target& a,
                                                  const nlohmann::json& body);
  // Answers after the ack or wait_ms; `extra` (an object) is merged into the answer.
  boost::asio::awaitable<http_reply> wait_and_report(std::shared_ptr<envelope_record> record,
                                                     const nlohmann::json& body,
                                                     nlohmann::json extra = nullptr);
  http_reply envelopes(const std::vector<std::string>& path);
  http_reply disconnect(const nlohmann::json& body);

  slack_state& slack_;
};

}  // namespace chatsim
