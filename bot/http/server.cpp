// Routes and request checks of the inbound HTTP server.
#include "bot/http/server.hpp"

#include <httplib.h>
#include <openssl/crypto.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "bot/ingest/alertmanager.hpp"
#include "bot/ingest/deploy.hpp"
#include "bot/ingest/generic.hpp"
#include "bot/ingest/grafana.hpp"
#include "bot/ingest/pagerduty.hpp"

namespace oncall {

namespace {

using nlohmann::json;

void reply_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void reply_error(httplib::Response& res, int status, const std::string& message,
                 const std::string& field = {}) {
  json body = {{"error", message}};
  if (!field.empty()) body["field"] = field;
  reply_json(res, status, body);
}

bool constant_time_equal(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string bearer_token(const httplib::Request& req) {
  auto header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.size() > prefix.size() && header.compare(0, prefix.size(), prefix) == 0) {
    return header.substr(prefix.size());
  }
  return {};
}

bool is_json(const httplib::Request& req) {
  auto type = req.get_header_value("Content-Type");
  return type.rfind("application/json", 0) == 0;
}

std::pair<std::string, int> split_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("http.listen '" + listen + "' needs host:port");
  auto host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  return {host, std::stoi(listen.substr(colon + 1))};
}

}  // namespace

http_server::http_server(http_config cfg, http_hooks hooks)
    : cfg_(std::move(cfg)), hooks_(std::move(hooks)), server_(std::make_unique<httplib::Server>()) {
  server_->set_payload_max_length(cfg_.max_body);
  // httplib writes a response's headers and body in separate sends: without TCP_NODELAY, Nagle
  // holds the body until the client's delayed ACK (up to 40 ms) on every keep-alive request.
  server_->set_tcp_nodelay(true);
  server_->set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    if (res.status == 413) {
      reply_error(res, 413, "the request body is larger than http.max_body (" +
                                std::to_string(cfg_.max_body) + " bytes); raise http.max_body or send less");
    } else if (res.status == 404) {
      reply_error(res, 404, "no such endpoint; see SPEC §4 for the webhook paths");
    } else {
      reply_error(res, res.status, "request failed");
    }
    return httplib::Server::HandlerResponse::Handled;
  }));
  add_routes();
  std::map<std::string, bool> known;
  for (const char* path : {"/webhooks/alertmanager", "/webhooks/generic", "/webhooks/grafana",
                           "/webhooks/deploy", "/v2/enqueue", "/healthz", "/readyz", "/metrics"}) {
    known[path] = true;
  }
  for (const auto& path : hooks_.chat_paths) known[path] = true;
  requests_.set_known(std::move(known));
  server_->set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    requests_.count(req.path, res.status);
  });
}

http_server::~http_server() { stop(); }

void http_server::set_webhook_tokens(std::vector<std::string> tokens) {
  std::lock_guard lock(tokens_mutex_);
  cfg_.webhook_tokens = std::move(tokens);
}

bool http_server::authorized(const std::string& bearer, const std::string& query_token) const {
  bool ok = false;
  std::lock_guard lock(tokens_mutex_);  // a SIGHUP reload may swap them meanwhile
  for (const auto& token : cfg_.webhook_tokens) {
    if (token.empty()) continue;
    // Compare against every token, without stopping early, in constant time.
    ok |= (!bearer.empty() && constant_time_equal(bearer, token));
    ok |= (!query_token.empty() && constant_time_equal(query_token, token));
  }
  return ok;
}

// The checks every webhook makes before reading its body: a known token, then a JSON body. On
// failure the error reply is written and false returned.
bool http_server::accepts_webhook(const httplib::Request& req, httplib::Response& res) const {
  if (!authorized(bearer_token(req), req.get_param_value("token"))) {
    reply_error(res, 401, "missing or wrong token: send 'Authorization: Bearer <token>' or ?token=<token> with one of http.webhook_tokens");
    return false;
  }
  if (!is_json(req)) {
    reply_error(res, 415, "the body must be JSON: send Content-Type: application/json");
    return false;
  }
  return true;
}

void http_server::add_routes() {
  using parser = result<alert_batch> (*)(std::string_view);
  auto webhook = [this](parser parse) {
    return [this, parse](const httplib::Request& req, httplib::Response& res) {
      if (!accepts_webhook(req, res)) return;
      auto batch = parse(req.body);
      if (!batch) {
        reply_error(res, 400, batch.err().message, batch.err().field);
        return;
      }
      auto summary = hooks_.ingest(*batch);
      reply_json(res, 200, {{"status", "ok"}, {"incidents", summary.incidents}});
    };
  };
  server_->Post("/webhooks/alertmanager", webhook(&parse_alertmanager));
  server_->Post("/webhooks/generic", webhook(&parse_generic));
  server_->Post("/webhooks/grafana", webhook(&parse_grafana));
  add_pagerduty_route();
  add_deploy_route();
  for (const auto& path : hooks_.chat_paths) {
    server_->Post(path, [this](const httplib::Request& req, httplib::Response& res) {
      inbound_http in;
      in.path = req.path;
      in.body = req.body;
      for (const auto& [name, value] : req.headers) {
        std::string lower = name;
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        in.headers[lower] = value;
      }
      for (const auto& [name, value] : req.params) in.query[name] = value;
      auto out = hooks_.chat_request(in);
      res.status = out.status;
      res.set_content(out.body, out.content_type.c_str());
    });
  }
  server_->Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    reply_json(res, 200, {{"status", "ok"}});
  });
  server_->Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    auto gauges = hooks_.gauges ? hooks_.gauges() : engine_gauges{};
    bool chat = hooks_.chat_connected && hooks_.chat_connected();
    res.set_content(render_metrics(gauges, chat, requests_.snapshot(), hooks_.metrics), "text/plain; version=0.0.4");
  });
  server_->Get("/readyz", [this](const httplib::Request&, httplib::Response& res) {
    bool chat = hooks_.chat_connected && hooks_.chat_connected();
    bool storage = hooks_.storage_ok && hooks_.storage_ok();
    reply_json(res, chat && storage ? 200 : 503,
               {{"status", chat && storage ? "ready" : "not ready"}, {"chat", chat}, {"storage", storage}});
  });
}

// PagerDuty Events API v2: the routing_key in the body is the credential (it must be one of
// http.webhook_tokens), answers have PagerDuty's shapes so any PagerDuty integration works.
void http_server::add_pagerduty_route() {
  server_->Post("/v2/enqueue", [this](const httplib::Request& req, httplib::Response& res) {
    auto invalid = [&](int status, const std::string& message, const std::string& field) {
      reply_json(res, status, {{"status", "invalid event"}, {"message", "Event object is invalid"},
                               {"error", message}, {"field", field}, {"errors", json::array({message})}});
    };
    if (!is_json(req)) {
      invalid(415, "the body must be JSON: send Content-Type: application/json", "");
      return;
    }
    auto event = parse_pagerduty(req.body);
    if (!event) {
      invalid(400, event.err().message, event.err().field);
      return;
    }
    if (!authorized(event->routing_key, bearer_token(req))) {
      invalid(401, "routing_key is not one of http.webhook_tokens; use one of them as the integration key", "routing_key");
      return;
    }
    if (event->action == "acknowledge") {
      hooks_.acknowledge(event->batch.source + ":" + event->batch.group_key);
    } else {
      hooks_.ingest(event->batch);
    }
    reply_json(res, 202, {{"status", "success"}, {"message", "Event processed"}, {"dedup_key", event->dedup_key}});
  });
}

// Deploy events from CI: the same token check as the alert webhooks; 200 only once the deploy
// and its timeline entries are committed.
void http_server::add_deploy_route() {
  server_->Post("/webhooks/deploy", [this](const httplib::Request& req, httplib::Response& res) {
    if (!accepts_webhook(req, res)) return;
    auto parsed = parse_deploy(req.body);
    if (!parsed) {
      reply_error(res, 400, parsed.err().message, parsed.err().field);
      return;
    }
    if (!hooks_.deploy) {
      reply_error(res, 503, "deploy events are not accepted by this server");
      return;
    }
    auto incidents = hooks_.deploy(*parsed);
    reply_json(res, 200, {{"status", "ok"}, {"incidents", incidents}});
  });
}

void http_server::start() {
  auto [host, port] = split_listen(cfg_.listen);
  if (port == 0) {
    port_ = server_->bind_to_any_port(host);
  } else {
    port_ = server_->bind_to_port(host, port) ? port : -1;
  }
  if (port_ <= 0) {
    throw std::runtime_error("cannot listen on " + cfg_.listen +
                             "; is another process using it? Change http.listen");
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  spdlog::info("http: listening on {}:{}", host, port_);
}

void http_server::stop() {
  if (thread_.joinable()) {
    server_->stop();
    thread_.join();
  }
}

}  // namespace oncall
