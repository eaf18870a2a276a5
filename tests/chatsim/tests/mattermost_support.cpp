// Role: implementation of the Mattermost test helpers.
#include "mattermost_support.hpp"

#include <stdexcept>

namespace chatsim_test {

using nlohmann::json;
using namespace std::chrono_literals;

httplib::Result mm_call(chatsim_process& sim, const std::string& method, const std::string& path,
                        const json& body, const std::string& token) {
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  std::string target = "/api/v4" + path;
  std::string text = body.is_null() ? "" : body.dump();
  auto& http = sim.http();
  if (method == "GET") return http.Get(target.c_str(), headers);
  if (method == "POST") return http.Post(target.c_str(), headers, text, "application/json");
  if (method == "PUT") return http.Put(target.c_str(), headers, text, "application/json");
  if (method == "DELETE") return http.Delete(target.c_str(), headers);
  throw std::invalid_argument("method " + method);
}

json mm_ok(chatsim_process& sim, const std::string& method, const std::string& path,
           const json& body, int status) {
  auto res = mm_call(sim, method, path, body);
  if (!res) throw std::runtime_error("no answer to " + method + " " + path);
  if (res->status != status) {
    throw std::runtime_error(method + " " + path + ": " + std::to_string(res->status) + " " + res->body);
  }
  return json::parse(res->body);
}

std::string mm_channel_id(chatsim_process& sim, const std::string& name) {
  return mm_ok(sim, "GET", "/teams/name/ops/channels/name/" + name)["id"];
}

std::optional<json> next_event(ws_client& ws, const std::string& event,
                               std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    auto frame = ws.next(left);
    if (!frame) return std::nullopt;
    if (frame->value("event", "") == event) return frame;
  }
}

std::unique_ptr<ws_client> mm_connect(chatsim_process& sim, json* hello, const std::string& query) {
  auto ws = std::make_unique<ws_client>(sim.port(), "/api/v4/websocket" + query);
  ws->send({{"seq", 1}, {"action", "authentication_challenge"}, {"data", {{"token", mm_token}}}});
  auto first = ws->next(2s);
  if (!first || first->value("event", "") != "hello") throw std::runtime_error("no hello");
  if (hello) *hello = *first;
  auto ok = ws->next(2s);
  if (!ok || ok->value("status", "") != "OK") throw std::runtime_error("no OK after hello");
  return ws;
}

// ---- fake_bot ----

std::string fake_bot::request::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

std::string fake_bot::request::field(const std::string& name) const {
  auto it = form.find(name);
  return it == form.end() ? "" : it->second;
}

fake_bot::fake_bot() {
  server_.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex_);
    request seen{req.path, req.body, req.headers, {}};
    if (req.get_header_value("Content-Type") == "application/x-www-form-urlencoded") {
      httplib::detail::parse_query_text(req.body, seen.form);
    }
    requests_.push_back(std::move(seen));
    auto it = replies_.find(req.path);
    if (it == replies_.end()) {
      res.status = 404;
      return;
    }
    res.status = it->second.status;
    res.set_content(it->second.body, it->second.content_type.c_str());
  });
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) std::this_thread::sleep_for(1ms);
}

fake_bot::~fake_bot() {
  server_.stop();
  thread_.join();
}

std::string fake_bot::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void fake_bot::answer(const std::string& path, int status, std::string body,
                      std::string content_type) {
  std::lock_guard lock(mutex_);
  replies_[path] = {status, std::move(body), std::move(content_type)};
}

std::vector<fake_bot::request> fake_bot::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

}  // namespace chatsim_test
