// The Jira calls oncallbot makes, over the shared asynchronous HTTP client: create, edit and
// comment on issues, search an incident's tickets by label, move an issue to done, attach a
// file. Each returns a jira_answer; nothing throws and nothing retries here (the tracker
// service decides that).
#pragma once

#include <boost/asio/awaitable.hpp>

#include "bot/net/http_client.hpp"
#include "bot/tracker/jira_api.hpp"

namespace oncall {

class jira_client {
 public:
  jira_client(http_client& http, tracker_config cfg) : http_(http), cfg_(std::move(cfg)) {}
  void reload(tracker_config cfg) { cfg_ = std::move(cfg); }
  const tracker_config& cfg() const { return cfg_; }

  // 201 {id, key, self}: the answer's body holds the key.
  boost::asio::awaitable<jira_answer> create_issue(nlohmann::json fields);
  boost::asio::awaitable<jira_answer> edit_issue(std::string key, nlohmann::json fields);
  boost::asio::awaitable<jira_answer> add_comment(std::string key, std::string text);
  // The incident's tickets (its own and its follow-ups'), with status and labels.
  boost::asio::awaitable<jira_answer> search_incident(std::int64_t incident_id,
                                                      std::vector<jira_issue>& found);
  // Moves the issue to a done status; ok when it is done already or now.
  boost::asio::awaitable<jira_answer> move_to_done(std::string key);
  boost::asio::awaitable<jira_answer> attach(std::string key, std::string filename, std::string content);

 private:
  boost::asio::awaitable<jira_answer> call(std::string method, std::string path, std::string body);

  http_client& http_;
  tracker_config cfg_;
};

}  // namespace oncall
