// Starting and driving jirasim for the integration tests.
#include "jirasim_harness.hpp"

#include <fstream>
#include <stdexcept>

namespace oncall::testing {

jirasim::jirasim(const std::string& dir) {
  const std::string port_file = dir + "/jirasim.ports";
  proc_ = child_process({JIRASIM_BINARY, "--flavor", "cloud", "--users",
                         std::string(jira_bob) + "," + jira_carol, "--port-file", port_file},
                        dir + "/jirasim.log");
  if (!eventually([&] {
        std::ifstream in(port_file);
        return static_cast<bool>(in >> api_port_ >> control_port_);
      })) {
    throw std::runtime_error("jirasim did not start: " + proc_.log());
  }
}

std::string jirasim::tracker_yaml() const {
  return "tracker:\n"
         "  kind: jira\n"
         "  url: http://127.0.0.1:" + std::to_string(api_port_) + "\n"
         "  project: OPS\n"
         "  user: bot@example.com\n"
         "  token: jira-test-token\n"
         "  issue_type: Incident\n"
         "  followup_type: Task\n"
         "  sync_every: 1s\n";
}

nlohmann::json jirasim::post(const std::string& path, const nlohmann::json& body) {
  httplib::Client c("127.0.0.1", control_port_);
  auto res = c.Post(path.c_str(), body.dump(), "application/json");
  if (!res) throw std::runtime_error("jirasim POST " + path + " failed");
  return nlohmann::json::parse(res->body, nullptr, false);
}

nlohmann::json jirasim::issues() {
  httplib::Client c("127.0.0.1", control_port_);
  auto res = c.Get("/_sim/issues");
  if (!res) throw std::runtime_error("jirasim GET /_sim/issues failed");
  return nlohmann::json::parse(res->body, nullptr, false).value("issues", nlohmann::json::array());
}

void jirasim::set_status(const std::string& key, const std::string& status) {
  post("/_sim/issues/" + key + "/status", {{"status", status}});
}

void jirasim::fail(const nlohmann::json& fault) { post("/_sim/fail", fault); }
void jirasim::down() { post("/_sim/down", nlohmann::json::object()); }
void jirasim::up() { post("/_sim/up", nlohmann::json::object()); }

}  // namespace oncall::testing
