// Role: one Socket Mode connection: websocket accept, hello, a single writer draining a queue
// (text frames, pings, close), server pings, reading acks, and disconnect/drop on request.
#include "slack_socket_mode.hpp"

#include <deque>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "http_upgrade.hpp"
#include "log.hpp"
#include "slack_state.hpp"
#include "text_codec.hpp"
#include "timestamps.hpp"

namespace chatsim {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace http = beast::http;
using namespace std::chrono_literals;

namespace {
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);
constexpr std::string_view simulated_host = "chatsim-1";
}  // namespace

class socket_mode_session : public envelope_sink,
                            public std::enable_shared_from_this<socket_mode_session> {
 public:
  socket_mode_session(slack_state& slack, beast::tcp_stream stream)
      : slack_(slack),
        ws_(std::move(stream)),
        wake_(ws_.get_executor()),
        ping_timer_(ws_.get_executor()),
        grace_timer_(ws_.get_executor()) {}

  static asio::awaitable<void> run(std::shared_ptr<socket_mode_session> self,
                                   http::request<http::string_body> request);

  void send_frame(std::string text) override { push({frame_kind::text, std::move(text)}); }
  bool draining() const override { return draining_; }
  void disconnect(const std::string& reason, std::chrono::milliseconds grace);
  void drop();

 private:
  enum class frame_kind { text, ping, close };
  struct outgoing {
    frame_kind kind;
    std::string text;
  };

  void push(outgoing frame);
  void handle_text(const std::string& text);
  void finish();
  std::string hello_frame() const;
  static asio::awaitable<void> write_loop(std::shared_ptr<socket_mode_session> self);
  static asio::awaitable<void> ping_loop(std::shared_ptr<socket_mode_session> self);
  static asio::awaitable<void> close_later(std::shared_ptr<socket_mode_session> self,
                                           std::chrono::milliseconds grace);
  asio::awaitable<void> read_loop();

  slack_state& slack_;
  websocket::stream<beast::tcp_stream> ws_;
  std::deque<outgoing> outbox_;
  asio::steady_timer wake_;  // the writer sleeps on it while the outbox is empty
  asio::steady_timer ping_timer_;
  asio::steady_timer grace_timer_;
  bool open_ = false;
  bool draining_ = false;
  bool close_queued_ = false;
};

asio::awaitable<void> socket_mode_session::run(std::shared_ptr<socket_mode_session> self,
                                               http::request<http::string_body> request) {
  // Our own pings replace Beast's keep-alive pings; the handshake limit also bounds the close.
  self->ws_.set_option(websocket::stream_base::timeout{5s, websocket::stream_base::none(), false});
  self->ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "chatsim"); }));
  auto [ec] = co_await self->ws_.async_accept(request, tuple_awaitable);
  if (ec) {
    log_line("socket mode handshake failed: " + ec.message());
    co_return;
  }
  self->open_ = true;
  self->slack_.sockets.opened(self);
  self->push({frame_kind::text, self->hello_frame()});  // hello is always the first frame
  self->slack_.ctx.stats.last_hello_mono_ns = monotonic_nanos();
  self->slack_.envelopes.attach(self);
  auto executor = self->ws_.get_executor();
  asio::co_spawn(executor, write_loop(self), log_failure("socket writer"));
  if (self->slack_.ctx.options.ping_interval.count() > 0) {
    asio::co_spawn(executor, ping_loop(self), log_failure("socket pinger"));
  }
  co_await self->read_loop();
  self->finish();
}

std::string socket_mode_session::hello_frame() const {
  nlohmann::json hello{
      {"type", "hello"},
      {"num_connections", slack_.sockets.open_count()},
      {"debug_info",
       {{"host", simulated_host}, {"build_number", 1}, {"approximate_connection_time", 18060}}},
      {"connection_info", {{"app_id", slack_.ctx.ws.team().app_id}}}};
  return hello.dump();
}

asio::awaitable<void> socket_mode_session::read_loop() {
  for (;;) {
    beast::flat_buffer buffer;
    auto [ec, n] = co_await ws_.async_read(buffer, tuple_awaitable);
    if (ec) {
      if (ec != websocket::error::closed && ec != asio::error::operation_aborted) {
        log_line("socket mode connection ended: " + ec.message());
      }
      co_return;
    }
    if (!ws_.got_text()) {
      ++slack_.ctx.stats.invalid_frames;
      continue;
    }
    handle_text(beast::buffers_to_string(buffer.data()));
  }
}

void socket_mode_session::handle_text(const std::string& text) {
  auto frame = nlohmann::json::parse(text, nullptr, false);
  if (frame.is_discarded() || !frame.is_object() || !frame.contains("envelope_id") ||
      !frame["envelope_id"].is_string()) {
    ++slack_.ctx.stats.invalid_frames;
    log_line("ignored a client frame that is not an ack");
    return;
  }
  auto payload = frame.contains("payload") ? frame["payload"] : nlohmann::json(nullptr);
  slack_.envelopes.acknowledge(frame["envelope_id"].get<std::string>(), payload);
}

void socket_mode_session::push(outgoing frame) {
  if (!open_ || close_queued_) return;
  if (frame.kind == frame_kind::close) close_queued_ = true;
  outbox_.push_back(std::move(frame));
  wake_.cancel();
}

asio::awaitable<void> socket_mode_session::write_loop(std::shared_ptr<socket_mode_session> self) {
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
    if (frame.kind == frame_kind::text) {
      ws.text(true);
      std::tie(ec, std::ignore) = co_await ws.async_write(asio::buffer(frame.text), tuple_awaitable);
    } else if (frame.kind == frame_kind::ping) {
      std::tie(ec) = co_await ws.async_ping(websocket::ping_data{}, tuple_awaitable);
    } else {
      std::tie(ec) = co_await ws.async_close(websocket::close_code::going_away, tuple_awaitable);
      self->drop();  // make sure the TCP connection is gone even if the peer never answered
      co_return;
    }
    if (ec) {
      self->drop();
      co_return;
    }
  }
}

asio::awaitable<void> socket_mode_session::ping_loop(std::shared_ptr<socket_mode_session> self) {
  while (self->open_) {
    self->ping_timer_.expires_after(self->slack_.ctx.options.ping_interval);
    auto [ec] = co_await self->ping_timer_.async_wait(tuple_awaitable);
    if (ec || !self->open_) co_return;
    self->push({frame_kind::ping, {}});
  }
}

void socket_mode_session::disconnect(const std::string& reason, std::chrono::milliseconds grace) {
  nlohmann::json frame{
      {"type", "disconnect"}, {"reason", reason}, {"debug_info", {{"host", simulated_host}}}};
  push({frame_kind::text, frame.dump()});
  draining_ = true;
  asio::co_spawn(ws_.get_executor(), close_later(shared_from_this(), grace),
                 log_failure("socket grace close"));
}

asio::awaitable<void> socket_mode_session::close_later(std::shared_ptr<socket_mode_session> self,
                                                       std::chrono::milliseconds grace) {
  self->grace_timer_.expires_after(grace);
  auto [ec] = co_await self->grace_timer_.async_wait(tuple_awaitable);
  if (!ec) self->push({frame_kind::close, {}});
}

void socket_mode_session::drop() {
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(ws_).close();
  finish();
}

void socket_mode_session::finish() {
  if (!open_) return;
  open_ = false;
  slack_.envelopes.detach(this);
  slack_.sockets.closed(this);
  wake_.cancel();
  ping_timer_.cancel();
  grace_timer_.cancel();
}

// ---- socket_mode_server ----

upgrade_route socket_mode_server::route() {
  return {"/link", [this](const http_request& r) { return authorize(r); },
          [this](upgrade_request&& u) { accept(std::move(u)); }};
}

int socket_mode_server::authorize(const http_request& request) {
  if (request.path != "/link" && request.path != "/link/") return 404;
  for (const auto& [name, value] : parse_form(request.query)) {
    if (name == "ticket") return slack_.tickets.redeem(value) ? 0 : 401;
  }
  return 401;
}

void socket_mode_server::accept(upgrade_request&& upgrade) {
  auto session = std::make_shared<socket_mode_session>(slack_, std::move(upgrade.stream));
  asio::co_spawn(slack_.ctx.executor,
                 socket_mode_session::run(session, std::move(upgrade.request)),
                 log_failure("socket mode session"));
}

void socket_mode_server::opened(const std::shared_ptr<socket_mode_session>& session) {
  sessions_.push_back(session);
  ++slack_.ctx.stats.connections_opened;
  slack_.ctx.stats.open_connections = static_cast<std::int64_t>(sessions_.size());
}

void socket_mode_server::closed(const socket_mode_session* session) {
  std::erase_if(sessions_, [session](const auto& weak) {
    auto strong = weak.lock();
    return !strong || strong.get() == session;
  });
  slack_.ctx.stats.open_connections = static_cast<std::int64_t>(sessions_.size());
}

std::vector<std::shared_ptr<socket_mode_session>> socket_mode_server::live_sessions() const {
  std::vector<std::shared_ptr<socket_mode_session>> live;
  for (const auto& weak : sessions_) {
    if (auto strong = weak.lock()) live.push_back(std::move(strong));
  }
  return live;
}

std::size_t socket_mode_server::disconnect_all(const std::string& reason,
                                               std::chrono::milliseconds grace) {
  auto live = live_sessions();
  for (const auto& session : live) session->disconnect(reason, grace);
  return live.size();
}

std::size_t socket_mode_server::drop_all() {
  auto live = live_sessions();
  for (const auto& session : live) session->drop();
  return live.size();
}

}  // namespace chatsim
