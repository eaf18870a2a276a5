// Beast websocket client; the only translation unit with Beast websocket code in the bot.
#include "bot/net/websocket_client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <deque>
#include <variant>

#include "bot/net/tls.hpp"
#include "bot/net/url.hpp"

namespace oncall {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

using plain_ws = websocket::stream<beast::tcp_stream>;
using tls_ws = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

struct websocket_client::impl : std::enable_shared_from_this<impl> {
  explicit impl(asio::any_io_executor ex) : executor(ex), wake(ex) {}

  asio::any_io_executor executor;
  std::variant<std::monostate, plain_ws, tls_ws> ws;
  beast::flat_buffer buffer;
  std::deque<std::string> outgoing;
  asio::steady_timer wake;  // a condition variable for the writer
  bool closing = false;
  bool closed = false;
  std::string error;

  template <typename F>
  auto with_stream(F&& f) {
    if (auto* p = std::get_if<plain_ws>(&ws)) return f(*p);
    return f(std::get<tls_ws>(ws));
  }

  asio::awaitable<void> writer() {
    auto self = shared_from_this();
    while (!closed) {
      if (outgoing.empty()) {
        if (closing) break;
        wake.expires_at(asio::steady_timer::time_point::max());
        co_await wake.async_wait(use_tuple);
        continue;
      }
      std::string frame = std::move(outgoing.front());
      outgoing.pop_front();
      auto [err, n] = co_await with_stream([&](auto& s) {
        s.text(true);
        return s.async_write(asio::buffer(frame), use_tuple);
      });
      if (err) {
        if (error.empty()) error = "write: " + err.message();
        closed = true;
      }
    }
    if (closing && !closed) {
      auto [err] = co_await with_stream(
          [](auto& s) { return s.async_close(websocket::close_code::normal, use_tuple); });
      (void)err;
    }
  }
};

websocket_client::websocket_client(std::unique_ptr<impl> p) : impl_(std::move(p)) {}

websocket_client::~websocket_client() { abort(); }

namespace {

template <typename Ws>
void configure(Ws& ws, const websocket_options& options) {
  websocket::stream_base::timeout t{};
  t.handshake_timeout = options.handshake_timeout;
  t.idle_timeout = options.idle_timeout;
  t.keep_alive_pings = true;
  ws.set_option(t);
  ws.set_option(websocket::stream_base::decorator([headers = options.headers](websocket::request_type& req) {
    req.set(beast::http::field::user_agent, "oncallbot/" ONCALLBOT_VERSION);
    for (const auto& [name, value] : headers) req.set(name, value);
  }));
  ws.read_message_max(16 * 1024 * 1024);
}

}  // namespace

asio::awaitable<std::unique_ptr<websocket_client>> websocket_client::connect(
    asio::any_io_executor executor, std::string url, websocket_options options, std::string& error) {
  auto u = parse_url(url);
  if (!u || (u->scheme != "ws" && u->scheme != "wss")) {
    error = "not a ws(s) URL";
    co_return nullptr;
  }
  auto state = std::make_unique<impl>(executor);
  tcp::resolver resolver(executor);
  auto [rerr, endpoints] = co_await resolver.async_resolve(u->host, u->port, use_tuple);
  if (rerr) {
    error = "resolve " + u->host + ": " + rerr.message();
    co_return nullptr;
  }
  beast::tcp_stream tcp_stream(executor);
  tcp_stream.expires_after(options.handshake_timeout);
  auto [cerr, ep] = co_await tcp_stream.async_connect(endpoints, use_tuple);
  if (cerr) {
    error = "connect " + u->host + ":" + u->port + ": " + cerr.message();
    co_return nullptr;
  }
  tcp_stream.socket().set_option(tcp::no_delay(true));
  std::string host_header = u->host + ":" + u->port;
  if (!u->tls()) {
    auto& ws = state->ws.emplace<plain_ws>(std::move(tcp_stream));
    beast::get_lowest_layer(ws).expires_never();
    configure(ws, options);
    auto [herr] = co_await ws.async_handshake(host_header, u->target, use_tuple);
    if (herr) {
      error = "websocket upgrade: " + herr.message();
      co_return nullptr;
    }
  } else {
    auto& ws = state->ws.emplace<tls_ws>(std::move(tcp_stream), client_tls_context());
    if (!SSL_set_tlsext_host_name(ws.next_layer().native_handle(), u->host.c_str())) {
      error = "TLS: cannot set SNI for " + u->host;
      co_return nullptr;
    }
    ws.next_layer().set_verify_callback(asio::ssl::host_name_verification(u->host));
    auto [terr] = co_await ws.next_layer().async_handshake(asio::ssl::stream_base::client, use_tuple);
    if (terr) {
      error = "TLS handshake with " + u->host + ": " + terr.message();
      co_return nullptr;
    }
    beast::get_lowest_layer(ws).expires_never();
    configure(ws, options);
    auto [herr] = co_await ws.async_handshake(host_header, u->target, use_tuple);
    if (herr) {
      error = "websocket upgrade: " + herr.message();
      co_return nullptr;
    }
  }
  std::shared_ptr<impl> shared(std::move(state));
  asio::co_spawn(executor, shared->writer(), asio::detached);
  std::unique_ptr<websocket_client> client(new websocket_client(nullptr));
  client->impl_ = std::move(shared);
  co_return client;
}

asio::awaitable<std::optional<std::string>> websocket_client::read() {
  auto self = impl_;
  while (!self->closed) {
    self->buffer.clear();
    auto [err, n] = co_await self->with_stream(
        [&](auto& s) { return s.async_read(self->buffer, use_tuple); });
    if (err) {
      if (self->error.empty()) self->error = err == websocket::error::closed ? "closed by peer" : err.message();
      self->closed = true;
      self->wake.cancel();
      co_return std::nullopt;
    }
    bool text = self->with_stream([](auto& s) { return s.got_text(); });
    if (text) co_return beast::buffers_to_string(self->buffer.data());
  }
  co_return std::nullopt;
}

void websocket_client::send(std::string frame) {
  if (!impl_ || impl_->closed || impl_->closing) return;
  impl_->outgoing.push_back(std::move(frame));
  impl_->wake.cancel();
}

void websocket_client::close() {
  if (!impl_ || impl_->closed) return;
  impl_->closing = true;
  impl_->wake.cancel();
}

void websocket_client::abort() {
  if (!impl_ || impl_->closed || std::holds_alternative<std::monostate>(impl_->ws)) return;
  impl_->closed = true;
  impl_->wake.cancel();
  impl_->with_stream([](auto& s) {
    boost::system::error_code ec;
    beast::get_lowest_layer(s).socket().close(ec);
    return 0;
  });
}

const std::string& websocket_client::last_error() const { return impl_->error; }

}  // namespace oncall
