// Mattermost websocket session management, posting, and the command/button endpoints.
#include "bot/chat/mattermost/mattermost_platform.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/chat/mattermost/mattermost_requests.hpp"
#include "bot/net/hmac.hpp"
#include "bot/net/websocket_client.hpp"

namespace oncall {

namespace asio = boost::asio;
using nlohmann::json;

namespace {
const char* command_path = "/mattermost/command";
const char* action_path = "/mattermost/action";

outbound_http http_error(int status, const std::string& message) {
  return {status, json{{"error", message}}.dump()};
}
}  // namespace

mattermost_platform::mattermost_platform(asio::any_io_executor executor, http_client& http,
                                         const mattermost_config& cfg, const std::string& public_url)
    : executor_(executor), cfg_(cfg), api_(http, cfg.url, cfg.token) {
  std::string base = public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  actions_.url = base + action_path;
  // Derived from the bot token so that buttons posted before a restart still verify.
  actions_.signing_key = sha256_hex("oncallbot-mattermost-action\n" + cfg.token);
}

mattermost_platform::~mattermost_platform() = default;

void mattermost_platform::stop() {
  stopping_ = true;
  if (current_) current_->close();
}

asio::awaitable<void> mattermost_platform::sleep(duration d) {
  asio::steady_timer timer(executor_, d);
  co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

std::string mattermost_platform::websocket_url() const {
  std::string url = api_.server_url();
  if (url.rfind("https://", 0) == 0) url = "wss://" + url.substr(8);
  else if (url.rfind("http://", 0) == 0) url = "ws://" + url.substr(7);
  url += "/api/v4/websocket";
  if (!connection_id_.empty()) {
    url += "?connection_id=" + connection_id_ + "&sequence_number=" + std::to_string(next_seq_);
  }
  return url;
}

asio::awaitable<void> mattermost_platform::run(chat_events& events) {
  while (!stopping_) {
    std::string error;
    auto ws = co_await websocket_client::connect(executor_, websocket_url(), {}, error);
    if (!ws) {
      auto delay = backoff_.next(rng_);
      spdlog::warn("mattermost: websocket connection failed ({}); reconnecting in {}", error, format_duration(delay));
      co_await sleep(delay);
      continue;
    }
    current_ = std::shared_ptr<websocket_client>(std::move(ws));
    count_socket_opened();
    request_seq_ = 0;
    auth_seq_ = ++request_seq_;
    current_->send(json{{"seq", auth_seq_}, {"action", "authentication_challenge"},
                        {"data", {{"token", cfg_.token}}}}.dump());
    asio::co_spawn(executor_, keep_alive(current_), asio::detached);
    auto ended = co_await read_socket(*current_, events);
    connected_ = false;
    current_->abort();
    current_.reset();
    if (stopping_) break;
    auto delay = backoff_.next(rng_);
    spdlog::warn("mattermost: websocket ended ({}); reconnecting in {}", ended, format_duration(delay));
    co_await sleep(delay);
  }
  connected_ = false;
}

// The official client sends the `ping` action every 30 s; the server's own pings are answered
// by Beast while a read is pending.
asio::awaitable<void> mattermost_platform::keep_alive(std::shared_ptr<websocket_client> ws) {
  asio::steady_timer timer(executor_);
  while (!stopping_ && ws == current_) {
    timer.expires_after(std::chrono::seconds(30));
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (ws == current_ && connected_) ws->send(json{{"seq", ++request_seq_}, {"action", "ping"}}.dump());
  }
}

asio::awaitable<std::string> mattermost_platform::read_socket(websocket_client& ws, chat_events& events) {
  while (auto text = co_await ws.read()) {
    auto frame = json::parse(*text, nullptr, false);
    if (!frame.is_object()) continue;
    if (frame.contains("seq_reply")) {
      if (frame.value("status", "") != "OK") {
        spdlog::warn("mattermost: request {} failed: {}", frame["seq_reply"].dump(), frame.dump());
      } else if (frame["seq_reply"] == auth_seq_ && !connected_) {
        // A resumed session replays missed events without a new hello: the OK is the sign.
        connected_ = true;
        backoff_.reset();
        spdlog::info("mattermost: websocket session {} resumed", connection_id_);
      }
      continue;
    }
    auto event = frame.value("event", "");
    auto seq = frame.value("seq", std::int64_t{-1});
    if (event == "hello") {
      auto id = frame["data"].value("connection_id", "");
      bool fresh = id != connection_id_;
      if (fresh) spdlog::info("mattermost: new websocket session {}", id);
      connection_id_ = id;
      next_seq_ = seq + 1;
      connected_ = true;
      backoff_.reset();
      spdlog::info("mattermost: websocket connected");
      if (fresh) {
        // A new session replays nothing: what was said meanwhile comes from the threads.
        asio::co_spawn(executor_, backfill(events), [](std::exception_ptr e) {
          if (e) spdlog::error("mattermost: back-fill of the incident rooms stopped by an error");
        });
      }
      continue;
    }
    if (seq != next_seq_) {
      // Missed events: start over with a fresh session (code 4001 in the official client).
      spdlog::warn("mattermost: expected event {} but got {}; reconnecting", next_seq_, seq);
      connection_id_.clear();
      co_return "sequence mismatch";
    }
    next_seq_ = seq + 1;
    spdlog::debug("mattermost: event {}", event);
    co_await handle_room_event(frame, events);
  }
  co_return ws.last_error();
}

std::vector<std::string> mattermost_platform::http_paths() const { return {command_path, action_path}; }

asio::awaitable<outbound_http> mattermost_platform::handle_http(const inbound_http& request,
                                                                chat_events& events) {
  if (request.path == command_path) co_return co_await handle_command(request, events);
  if (request.path == action_path) co_return co_await handle_action(request, events);
  co_return http_error(404, "no such endpoint");
}

asio::awaitable<outbound_http> mattermost_platform::handle_command(const inbound_http& request,
                                                                   chat_events& events) {
  auto cmd = mattermost_command(request, cfg_.command_token);
  if (!cmd) co_return http_error(cmd.err().field.empty() ? 401 : 400, cmd.err().message);
  auto reply = events.on_command(*cmd);  // committed when it returns
  co_return outbound_http{200, mattermost_command_response(reply, mattermost_text(reply.message))};
}

asio::awaitable<outbound_http> mattermost_platform::handle_action(const inbound_http& request,
                                                                  chat_events& events) {
  auto parsed = mattermost_action(request, actions_.signing_key);
  if (!parsed) co_return http_error(parsed.err().field == "context" ? 401 : 400, parsed.err().message);
  auto click = parsed->click;
  // Not `?:` around co_await: GCC 12 evaluates both arms of a conditional with a co_await.
  if (parsed->user_name.empty()) {
    click.user = co_await api_.username(click.user);
  } else {
    click.user = parsed->user_name;
  }
  if (click.user.empty()) co_return http_error(400, "the user who clicked is unknown to the Mattermost server");
  if (click.delivery_id.empty()) {
    // No trigger_id (older servers): every request is its own delivery.
    click.delivery_id = "mattermost-click:" + click.message_ref + ":" + std::to_string(rng_()) + ":" +
                        std::to_string(++clicks_);
  }
  auto reply = events.on_click(click);
  json body = json::object();
  if (reply) body["ephemeral_text"] = mattermost_text(*reply);
  co_return outbound_http{200, body.dump()};
}

post_result mattermost_platform::to_post_result(const mattermost_result& r) const {
  post_result out;
  out.ok = r.ok();
  out.error = r.error;
  out.retry_after = r.retry_after;
  out.permanent = !r.ok() && !r.transport_failure && !r.retry_after && r.status >= 400 && r.status < 500;
  if (out.ok) {
    out.channel = r.body.value("channel_id", "");
    out.ref = r.body.value("id", "");
  }
  return out;
}

asio::awaitable<post_result> mattermost_platform::post(const std::string& channel, const outbound_message& m,
                                                       const std::string& thread_ref) {
  std::string error;
  auto channel_id = co_await api_.channel_id(cfg_.team, channel, error);
  if (channel_id.empty()) co_return post_result{false, {}, {}, error, {}, false};
  auto body = mattermost_post_body(m, actions_);
  body["channel_id"] = channel_id;
  if (!thread_ref.empty()) body["root_id"] = thread_ref;
  co_return to_post_result(co_await api_.request("POST", "/posts?set_online=false", body));
}

asio::awaitable<post_result> mattermost_platform::post_direct(const std::string& user,
                                                              const outbound_message& m) {
  std::string error;
  auto channel_id = co_await api_.direct_channel(user, error);
  if (channel_id.empty()) co_return post_result{false, {}, {}, error, {}, false};
  auto body = mattermost_post_body(m, actions_);
  body["channel_id"] = channel_id;
  co_return to_post_result(co_await api_.request("POST", "/posts?set_online=false", body));
}

asio::awaitable<post_result> mattermost_platform::update(const std::string&, const std::string& ref,
                                                         const outbound_message& m) {
  co_return to_post_result(co_await api_.request("PUT", "/posts/" + ref + "/patch", mattermost_post_body(m, actions_)));
}

asio::awaitable<post_result> mattermost_platform::post_ephemeral(const std::string& channel, const std::string& user,
                                                                 const outbound_message& m) {
  std::string error;
  auto channel_id = co_await api_.channel_id(cfg_.team, channel, error);
  auto user_id = co_await api_.user_id(user);
  if (channel_id.empty() || user_id.empty()) co_return post_result{false, {}, {}, "unknown channel or user", {}, true};
  json body = {{"user_id", user_id}, {"post", {{"channel_id", channel_id}, {"message", mattermost_text(m)}}}};
  co_return to_post_result(co_await api_.request("POST", "/posts/ephemeral", body));
}

}  // namespace oncall
