// jirasim for the integration tests: the Jira simulator as a child process on free loopback
// ports, its control API, and the tracker: section that points the bot at it.
#pragma once

#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "process.hpp"

namespace oncall::testing {

// Cloud flavor; bob's and carol's Jira account ids are these.
inline constexpr const char* jira_bob = "557058:bob";
inline constexpr const char* jira_carol = "557058:carol";

class jirasim {
 public:
  explicit jirasim(const std::string& dir);
  // The bot's tracker: section (Cloud: Basic auth with the user), state read back every second.
  std::string tracker_yaml() const;
  // Every issue, flat: key, summary, description, issuetype, labels, assignee, status,
  // category, comments, attachments.
  nlohmann::json issues();
  void set_status(const std::string& key, const std::string& status);
  // The next `count` API requests (matching method and path when given) answer `status`.
  void fail(const nlohmann::json& fault);
  void down();
  void up();

 private:
  nlohmann::json post(const std::string& path, const nlohmann::json& body);
  child_process proc_;
  int api_port_ = 0;
  int control_port_ = 0;
};

}  // namespace oncall::testing
