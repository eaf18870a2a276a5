// Jira calls over http_client (see jira_client.hpp).
#include "bot/tracker/jira_client.hpp"

#include <random>

namespace oncall {

namespace asio = boost::asio;
using nlohmann::json;

asio::awaitable<jira_answer> jira_client::call(std::string method, std::string path, std::string body) {
  auto response = co_await http_.send(jira_request(cfg_, method, path, body));
  co_return read_answer(cfg_, response);
}

asio::awaitable<jira_answer> jira_client::create_issue(json fields) {
  json body = {{"fields", std::move(fields)}};
  auto a = co_await call("POST", "/rest/api/2/issue", body.dump());
  if (a.ok() && (!a.body.is_object() || !a.body.contains("key") || !a.body["key"].is_string())) {
    a.failure = jira_failure::server;
    a.message = "Jira's answer to a create had no issue key";
  }
  co_return a;
}

asio::awaitable<jira_answer> jira_client::edit_issue(std::string key, json fields) {
  json body = {{"fields", std::move(fields)}};
  co_return co_await call("PUT", "/rest/api/2/issue/" + key, body.dump());
}

asio::awaitable<jira_answer> jira_client::add_comment(std::string key, std::string text) {
  json body = {{"body", std::move(text)}};
  co_return co_await call("POST", "/rest/api/2/issue/" + key + "/comment", body.dump());
}

asio::awaitable<jira_answer> jira_client::search_incident(std::int64_t incident_id,
                                                          std::vector<jira_issue>& found) {
  auto a = co_await call("GET", search_path(cfg_, incident_id), "");
  if (a.ok()) found = parse_search(a.body);
  co_return a;
}

asio::awaitable<jira_answer> jira_client::move_to_done(std::string key) {
  auto listed = co_await call("GET", "/rest/api/2/issue/" + key + "/transitions", "");
  if (!listed.ok()) co_return listed;
  auto id = done_transition(listed.body);
  if (!id) co_return listed;  // no way to done from here: done already, or the workflow says no
  json body = {{"transition", {{"id", *id}}}};
  co_return co_await call("POST", "/rest/api/2/issue/" + key + "/transitions", body.dump());
}

asio::awaitable<jira_answer> jira_client::attach(std::string key, std::string filename, std::string content) {
  static std::mt19937_64 rng{std::random_device{}()};
  const std::string boundary = "oncallbot-" + std::to_string(rng());
  std::string body = "--" + boundary + "\r\n" +
                     "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n" +
                     "Content-Type: text/markdown\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
  auto request = jira_request(cfg_, "POST", "/rest/api/2/issue/" + key + "/attachments");
  request.headers.emplace_back("Content-Type", "multipart/form-data; boundary=" + boundary);
  // Jira blocks multipart posts without this header (its XSRF check).
  request.headers.emplace_back("X-Atlassian-Token", "no-check");
  request.body = std::move(body);
  auto response = co_await http_.send(std::move(request));
  co_return read_answer(cfg_, response);
}

}  // namespace oncall
