// The inbound HTTP server (cpp-httplib): webhooks, health and readiness. Its threads only parse
// and authenticate requests; the work itself runs on the engine thread through `hooks`, and a
// webhook is answered 2xx only after its effect is committed.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "bot/chat/chat_platform.hpp"
#include "bot/core/alert.hpp"
#include "bot/core/deploy.hpp"
#include "bot/core/result.hpp"
#include "bot/http/metrics.hpp"
#include "config/config.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}

namespace oncall {

struct ingest_summary {
  std::vector<std::int64_t> incidents;  // incidents the batch opened or touched
};

struct http_hooks {
  // Applies a parsed batch on the engine thread and returns once it is committed.
  std::function<ingest_summary(const alert_batch&)> ingest;
  // Acknowledges the open incident with this key ("pagerduty:<dedup_key>"), if any.
  std::function<void(const std::string& incident_key)> acknowledge;
  // Records a deploy event on the engine thread, returns once committed with the open
  // incidents of its service.
  std::function<std::vector<std::int64_t>(const deploy&)> deploy;
  std::function<bool()> chat_connected;
  // Requests from the chat server itself (Mattermost commands and buttons), answered after the
  // engine has committed their effect.
  std::vector<std::string> chat_paths;
  std::function<outbound_http(const inbound_http&)> chat_request;
  std::function<bool()> storage_ok;
  // Gauges read on the engine thread for GET /metrics.
  std::function<engine_gauges()> gauges;
  // The app's counters and histograms, rendered after the gauges; none when null.
  const bot_metrics* metrics = nullptr;
};

class http_server {
 public:
  http_server(http_config cfg, http_hooks hooks);
  ~http_server();

  // Binds http.listen and serves on a thread of its own. Throws std::runtime_error naming the
  // address when it cannot bind.
  void start();
  void stop();
  int port() const { return port_; }
  // A SIGHUP reload: requests from now on are checked against these.
  void set_webhook_tokens(std::vector<std::string> tokens);

 private:
  void add_routes();
  void add_pagerduty_route();
  void add_deploy_route();
  bool authorized(const std::string& bearer, const std::string& query_token) const;
  bool accepts_webhook(const httplib::Request& req, httplib::Response& res) const;

  http_config cfg_;
  mutable std::mutex tokens_mutex_;  // guards cfg_.webhook_tokens (server threads read them)
  http_hooks hooks_;
  request_counters requests_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace oncall
