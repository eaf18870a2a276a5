// Role: runs the jirasim binary as a child process on ephemeral ports, for jirasim's own tests.
#pragma once

#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace jirasim_test {

using nlohmann::json;

class jirasim_process {
 public:
  explicit jirasim_process(std::vector<std::string> extra_args = {});
  ~jirasim_process();
  jirasim_process(const jirasim_process&) = delete;
  jirasim_process& operator=(const jirasim_process&) = delete;

  // A client of the REST port; `auth` is the whole Authorization header (empty: none).
  httplib::Client api() const;
  httplib::Client control() const;
  int api_port() const { return api_port_; }

 private:
  std::string dir_;
  int pid_ = -1;
  int api_port_ = 0;
  int control_port_ = 0;
};

// "Basic base64(user:token)" for the default Cloud credentials.
std::string cloud_auth(const std::string& user = "bot@example.com", const std::string& token = "jira-test-token");

}  // namespace jirasim_test
