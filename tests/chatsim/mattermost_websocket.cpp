// Role: one Mattermost websocket: accept, authentication (upgrade header or challenge, 5 s
// limit), request frames answered with seq_reply, a single writer draining a queue (text frames
// and pings), server pings with a pong deadline, and a TCP close on drop or bad token.
#include "mattermost_websocket.hpp"

#include <algorithm>
#include <deque>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "http_upgrade.hpp"
#include "log.hpp"
#include "mattermost_json.hpp"
#include "mattermost_state.hpp"
#include "text_codec.hpp"

namespace chatsim {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace http = beast::http;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

// What the client asked for in ?connection_id=…&sequence_number=… (reliable websockets).
struct resume_request {
  std::string connection_id;
  std::optional<std::int64_t> sequence_number;
};

resume_request parse_resume(std::string_view target) {
  resume_request out;
  auto question = target.find('?');
  if (question == std::string_view::npos) return out;
  for (const auto& [name, value] : parse_form(target.substr(question + 1))) {
    if (name == "connection_id") out.connection_id = value;
    if (name == "sequence_number") {
      try {
        out.sequence_number = std::stoll(value);
      } catch (const std::exception&) {
      }
    }
  }
  return out;
}
}  // namespace

class mm_socket_session : public mm_event_sink,
                          public std::enable_shared_from_this<mm_socket_session> {
 public:
  mm_socket_session(mattermost_state& mm, beast::tcp_stream stream, resume_request resume)
      : mm_(mm),
        ws_(std::move(stream)),
        resume_(std::move(resume)),
        wake_(ws_.get_executor()),
        ping_timer_(ws_.get_executor()),
        auth_timer_(ws_.get_executor()) {}

  static asio::awaitable<void> run(std::shared_ptr<mm_socket_session> self,
                                   http::request<http::string_body> request);

  void send_text(std::string text) override { push({false, std::move(text)}); }
  void drop();

 private:
  struct outgoing {
    bool ping;
    std::string text;
  };

  void push(outgoing frame);
  bool handle_text(const std::string& text);  // false: close the socket
  void authenticate(const mm_user& user);
  void reply(std::int64_t seq, json data = nullptr);
  void fail(std::int64_t seq, std::string_view id, std::string_view message, int status);
  json statuses(const json& wanted) const;
  void finish();
  static asio::awaitable<void> write_loop(std::shared_ptr<mm_socket_session> self);
  static asio::awaitable<void> ping_loop(std::shared_ptr<mm_socket_session> self);
  static asio::awaitable<void> auth_deadline(std::shared_ptr<mm_socket_session> self);
  asio::awaitable<void> read_loop();

  mattermost_state& mm_;
  websocket::stream<beast::tcp_stream> ws_;
  resume_request resume_;
  std::deque<outgoing> outbox_;
  asio::steady_timer wake_;  // the writer sleeps on it while the outbox is empty
  asio::steady_timer ping_timer_;
  asio::steady_timer auth_timer_;
  std::chrono::steady_clock::time_point last_pong_ = std::chrono::steady_clock::now();
  const mm_user* user_ = nullptr;
  bool open_ = false;
};

asio::awaitable<void> mm_socket_session::run(std::shared_ptr<mm_socket_session> self,
                                             http::request<http::string_body> request) {
  self->ws_.set_option(websocket::stream_base::timeout{5s, websocket::stream_base::none(), false});
  self->ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "chatsim"); }));
  std::weak_ptr<mm_socket_session> weak = self;
  self->ws_.control_callback([weak](websocket::frame_type kind, beast::string_view) {
    // Only pongs move the read deadline, as in Mattermost's web_conn.
    if (auto s = weak.lock(); s && kind == websocket::frame_type::pong) {
      s->last_pong_ = std::chrono::steady_clock::now();
    }
  });
  // A token on the upgrade authenticates at once; a wrong one leaves the socket waiting for
  // the challenge, as Mattermost's optional-session handler does.
  std::string token = mm_bearer_token(std::string(request[http::field::authorization]));
  auto [ec] = co_await self->ws_.async_accept(request, tuple_awaitable);
  if (ec) {
    log_line("mattermost websocket handshake failed: " + ec.message());
    co_return;
  }
  self->open_ = true;
  self->mm_.sockets.opened(self);
  if (const mm_user* user = self->mm_.user_for_token(token)) self->authenticate(*user);
  auto executor = self->ws_.get_executor();
  asio::co_spawn(executor, write_loop(self), log_failure("mattermost socket writer"));
  if (self->mm_.ctx.options.ping_interval.count() > 0) {
    asio::co_spawn(executor, ping_loop(self), log_failure("mattermost socket pinger"));
  }
  if (!self->user_) {
    asio::co_spawn(executor, auth_deadline(self), log_failure("mattermost auth deadline"));
  }
  co_await self->read_loop();
  self->finish();
}

asio::awaitable<void> mm_socket_session::read_loop() {
  while (open_) {
    beast::flat_buffer buffer;
    auto [ec, n] = co_await ws_.async_read(buffer, tuple_awaitable);
    if (ec) {
      if (ec != websocket::error::closed && ec != asio::error::operation_aborted) {
        log_line("mattermost websocket ended: " + ec.message());
      }
      co_return;
    }
    if (!ws_.got_text() || !handle_text(beast::buffers_to_string(buffer.data()))) {
      // Mattermost's read pump ends on a frame it cannot decode as a request.
      log_line("mattermost websocket: undecodable request frame, closing");
      drop();
      co_return;
    }
  }
}

bool mm_socket_session::handle_text(const std::string& text) {
  auto frame = json::parse(text, nullptr, false);
  if (frame.is_discarded() || !frame.is_object()) return false;
  auto seq_it = frame.find("seq");
  auto action_it = frame.find("action");
  auto data_it = frame.find("data");
  if ((seq_it != frame.end() && !seq_it->is_number_integer()) ||
      (action_it != frame.end() && !action_it->is_string()) ||
      (data_it != frame.end() && !data_it->is_object() && !data_it->is_null())) {
    return false;  // Go's json.Unmarshal into WebSocketRequest would fail
  }
  std::int64_t seq = seq_it == frame.end() ? 0 : seq_it->get<std::int64_t>();
  std::string action = action_it == frame.end() ? "" : action_it->get<std::string>();
  json data = data_it != frame.end() && data_it->is_object() ? *data_it : json::object();
  if (action.empty()) {
    fail(seq, "api.web_socket_router.no_action.app_error", "No websocket action.", 400);
  } else if (seq <= 0) {
    fail(seq, "api.web_socket_router.bad_seq.app_error", "Invalid sequence for WebSocket message.", 400);
  } else if (action == "authentication_challenge") {
    if (user_) return true;  // already authenticated: ignored, no reply
    const mm_user* user = data.is_object() && data.contains("token") && data["token"].is_string()
                              ? mm_.user_for_token(data["token"].get<std::string>())
                              : nullptr;
    if (!user) {
      ++mm_.ctx.stats.mattermost_auth_failures;
      drop();  // no FAIL reply: the socket just closes
      return true;
    }
    authenticate(*user);  // queues hello (or the replay) first…
    reply(seq);           // …then the OK, as real servers do
  } else if (!user_) {
    fail(seq, "api.web_socket_router.not_authenticated.app_error",
         "Connection must be authenticated before performing this request.", 401);
  } else if (action == "ping") {
    reply(seq, {{"text", "pong"}, {"version", mm_version}, {"server_time", system_millis()},
                {"node_id", ""}});
  } else if (action == "user_typing") {
    reply(seq);
  } else if (action == "get_statuses") {
    reply(seq, statuses(nullptr));
  } else if (action == "get_statuses_by_ids" && data.is_object() && data.contains("user_ids") &&
             data["user_ids"].is_array()) {
    reply(seq, statuses(data["user_ids"]));
  } else {
    fail(seq, "api.web_socket_router.bad_action.app_error", "An unknown WebSocket action.", 500);
  }
  return true;
}

json mm_socket_session::statuses(const json& wanted) const {
  json out = json::object();
  for (const auto& u : mm_.ws.users()) {
    bool asked = wanted.is_null() || std::find(wanted.begin(), wanted.end(), u.id) != wanted.end();
    if (asked) out[u.id] = "online";
  }
  return out;
}

void mm_socket_session::authenticate(const mm_user& user) {
  user_ = &user;
  auth_timer_.cancel();
  auto result = mm_.hub.attach(shared_from_this(), user.id, resume_.connection_id,
                               resume_.sequence_number);
  log_line(std::string("mattermost websocket ") + (result.resumed ? "resumed " : "connected ") +
           result.connection_id);
}

void mm_socket_session::reply(std::int64_t seq, json data) {
  json frame{{"status", "OK"}, {"seq_reply", seq}};
  if (!data.is_null()) frame["data"] = std::move(data);
  push({false, frame.dump()});
}

void mm_socket_session::fail(std::int64_t seq, std::string_view id, std::string_view message,
                             int status) {
  json frame{{"status", "FAIL"},
             {"seq_reply", seq},
             {"error", mm_error_json(id, message, status, "")}};
  push({false, frame.dump()});
}

void mm_socket_session::push(outgoing frame) {
  if (!open_) return;
  outbox_.push_back(std::move(frame));
  wake_.cancel();
}

asio::awaitable<void> mm_socket_session::write_loop(std::shared_ptr<mm_socket_session> self) {
  auto& ws = self->ws_;
  while (self->open_) {
    if (self->outbox_.empty()) {
      self->wake_.expires_at(asio::steady_timer::time_point::max());
      co_await self->wake_.async_wait(tuple_awaitable);
      continue;
    }
    outgoing frame = std::move(self->outbox_.front());
    self->outbox_.pop_front();
    beast::error_code ec;
    if (frame.ping) {
      std::tie(ec) = co_await ws.async_ping(websocket::ping_data{}, tuple_awaitable);
    } else {
      ws.text(true);
      std::tie(ec, std::ignore) = co_await ws.async_write(asio::buffer(frame.text), tuple_awaitable);
    }
    if (ec) {
      self->drop();
      co_return;
    }
  }
}

asio::awaitable<void> mm_socket_session::ping_loop(std::shared_ptr<mm_socket_session> self) {
  auto interval = self->mm_.ctx.options.ping_interval;
  auto deadline = interval * mm_socket_server::pong_deadline_pings;
  while (self->open_) {
    self->ping_timer_.expires_after(interval);
    auto [ec] = co_await self->ping_timer_.async_wait(tuple_awaitable);
    if (ec || !self->open_) co_return;
    if (std::chrono::steady_clock::now() - self->last_pong_ > deadline) {
      log_line("mattermost websocket: no pong in time, closing");
      self->drop();
      co_return;
    }
    self->push({true, {}});
  }
}

asio::awaitable<void> mm_socket_session::auth_deadline(std::shared_ptr<mm_socket_session> self) {
  self->auth_timer_.expires_after(mm_socket_server::auth_timeout);
  auto [ec] = co_await self->auth_timer_.async_wait(tuple_awaitable);
  if (!ec && self->open_ && !self->user_) {
    log_line("mattermost websocket: not authenticated in time, closing");
    self->drop();
  }
}

void mm_socket_session::drop() {
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(ws_).close();
  finish();
}

void mm_socket_session::finish() {
  if (!open_) return;
  open_ = false;
  mm_.hub.detach(this);
  mm_.sockets.closed(this);
  wake_.cancel();
  ping_timer_.cancel();
  auth_timer_.cancel();
}

// ---- mm_socket_server ----

upgrade_route mm_socket_server::route() {
  return {"/api/v4/websocket",
          [](const http_request& r) {
            return r.path == "/api/v4/websocket" || r.path == "/api/v4/websocket/" ? 0 : 404;
          },
          [this](upgrade_request&& u) { accept(std::move(u)); }};
}

void mm_socket_server::accept(upgrade_request&& upgrade) {
  auto session = std::make_shared<mm_socket_session>(
      mm_, std::move(upgrade.stream), parse_resume(upgrade.request.target()));
  asio::co_spawn(mm_.ctx.executor, mm_socket_session::run(session, std::move(upgrade.request)),
                 log_failure("mattermost websocket session"));
}

void mm_socket_server::opened(const std::shared_ptr<mm_socket_session>& session) {
  sessions_.push_back(session);
  ++mm_.ctx.stats.mattermost_connections_opened;
  mm_.ctx.stats.mattermost_open_connections = static_cast<std::int64_t>(sessions_.size());
}

void mm_socket_server::closed(const mm_socket_session* session) {
  std::erase_if(sessions_, [session](const auto& weak) {
    auto strong = weak.lock();
    return !strong || strong.get() == session;
  });
  mm_.ctx.stats.mattermost_open_connections = static_cast<std::int64_t>(sessions_.size());
}

std::size_t mm_socket_server::drop_all() {
  std::vector<std::shared_ptr<mm_socket_session>> live;
  for (const auto& weak : sessions_) {
    if (auto strong = weak.lock()) live.push_back(std::move(strong));
  }
  for (const auto& session : live) session->drop();
  return live.size();
}

}  // namespace chatsim
