// Role: test helpers for chatsim's Mattermost dialect: REST v4 calls with the bot token, a
// websocket connected through the authentication challenge, event waits, and a tiny HTTP server
// standing in for the bot's slash-command and button endpoints.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "chatsim_process.hpp"
#include "ws_client.hpp"

namespace chatsim_test {

inline const std::string mm_token = "mm-sim-bot-token";

// A REST v4 call (`path` after /api/v4) as the bot; `body` null means no body.
httplib::Result mm_call(chatsim_process& sim, const std::string& method, const std::string& path,
                        const nlohmann::json& body = nullptr, const std::string& token = mm_token);
// The same, expecting `status`; the parsed body.
nlohmann::json mm_ok(chatsim_process& sim, const std::string& method, const std::string& path,
                     const nlohmann::json& body = nullptr, int status = 200);
std::string mm_channel_id(chatsim_process& sim, const std::string& name);

// A websocket authenticated by the challenge; `hello` receives the hello event.
std::unique_ptr<ws_client> mm_connect(chatsim_process& sim, nlohmann::json* hello = nullptr,
                                      const std::string& query = "");
// The next event frame named `event` (replies and other events are skipped).
std::optional<nlohmann::json> next_event(ws_client& ws, const std::string& event,
                                         std::chrono::milliseconds timeout);

// An HTTP server on a free loopback port that records requests and answers as told.
class fake_bot {
 public:
  struct request {
    std::string path, body;
    httplib::Headers headers;
    std::multimap<std::string, std::string> form;  // decoded form fields of form bodies
    std::string header(const std::string& name) const;
    std::string field(const std::string& name) const;  // the first value, or ""
  };

  fake_bot();
  ~fake_bot();
  std::string url(const std::string& path) const;
  void answer(const std::string& path, int status, std::string body,
              std::string content_type = "application/json");
  std::vector<request> requests() const;

 private:
  struct reply {
    int status;
    std::string body, content_type;
  };
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::map<std::string, reply> replies_;
  std::vector<request> requests_;
};

}  // namespace chatsim_test
