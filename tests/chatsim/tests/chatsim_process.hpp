// Role: test fixture that runs the real chatsim binary as a child process on an ephemeral port
// and talks to it over HTTP (Web API and control API helpers).
#pragma once

#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace chatsim_test {

inline const std::string bot_token = "xoxb-sim-bot";
inline const std::string app_token = "xapp-sim-app";

class chatsim_process {
 public:
  // Always passes --port 0, --port-file and --ack-timeout-ms 300 before `extra_args`.
  explicit chatsim_process(std::vector<std::string> extra_args = {});
  ~chatsim_process();
  chatsim_process(const chatsim_process&) = delete;
  chatsim_process& operator=(const chatsim_process&) = delete;

  unsigned short port() const { return port_; }
  std::string log() const;  // chatsim's stderr so far
  // SIGTERM, then the exit status (or -1 when it had to be killed).
  int stop();

  // Web API call as the bot (JSON body, Bearer token).
  nlohmann::json api(const std::string& method, const nlohmann::json& args,
                     const std::string& token = bot_token);
  httplib::Result api_raw(const std::string& method, const nlohmann::json& args,
                          const std::string& token = bot_token);
  // Control API.
  nlohmann::json get(const std::string& path);
  nlohmann::json post(const std::string& path, const nlohmann::json& body);
  httplib::Client& http() { return *client_; }

 private:
  std::string dir_;
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace chatsim_test
