// Role: Beast HTTP/1.1 sessions on the shared port: read a request (answering
// "Expect: 100-continue"), hand websocket upgrades to their endpoint, route everything else, and
// hold connections that a "hang" fault says must never be answered.
#include "http_server.hpp"

#include <array>
#include <chrono>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "faults.hpp"
#include "http_upgrade.hpp"
#include "log.hpp"
#include "router.hpp"
#include "text_codec.hpp"

namespace chatsim {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);
using beast_request = http::request<http::string_body>;

http_request to_request(const beast_request& req) {
  http_request out;
  out.method = std::string(req.method_string());
  std::string_view target = req.target();
  auto question = target.find('?');
  out.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) out.query = std::string(target.substr(question + 1));
  for (const auto& field : req) out.headers[to_lower(field.name_string())] = field.value();
  out.body = req.body();
  return out;
}

class http_session {
 public:
  http_session(tcp::socket socket, const router& routes, fault_registry& holds,
               const std::vector<upgrade_route>& upgrades)
      : stream_(std::move(socket)), routes_(routes), holds_(holds), upgrades_(upgrades) {}

  asio::awaitable<void> run();

 private:
  asio::awaitable<bool> read_request(http::request_parser<http::string_body>& parser);
  asio::awaitable<bool> answer(const beast_request& req);
  asio::awaitable<bool> write_reply(const http_reply& reply, unsigned version, bool keep_alive);
  asio::awaitable<void> upgrade(beast_request req);
  asio::awaitable<void> hold();

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  const router& routes_;
  fault_registry& holds_;
  const std::vector<upgrade_route>& upgrades_;
};

asio::awaitable<void> http_session::run() {
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    if (!co_await read_request(parser)) break;
    beast_request req = parser.release();
    if (beast::websocket::is_upgrade(req)) {
      co_await upgrade(std::move(req));
      co_return;  // the stream now belongs to the websocket endpoint (or was closed)
    }
    if (!co_await answer(req)) break;
  }
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<bool> http_session::read_request(
    http::request_parser<http::string_body>& parser) {
  // Idle keep-alive connections are dropped after a while; clients reconnect transparently.
  stream_.expires_after(5min);
  auto [ec, n] = co_await http::async_read_header(stream_, buffer_, parser, tuple_awaitable);
  if (ec) co_return false;
  if (beast::iequals(parser.get()[http::field::expect], "100-continue")) {
    http::response<http::empty_body> go_on{http::status::continue_, parser.get().version()};
    auto [wec, wn] = co_await http::async_write(stream_, go_on, tuple_awaitable);
    if (wec) co_return false;
  }
  auto [bec, bn] = co_await http::async_read(stream_, buffer_, parser, tuple_awaitable);
  co_return !bec;
}

asio::awaitable<bool> http_session::answer(const beast_request& req) {
  http_request request = to_request(req);
  auto started = std::chrono::steady_clock::now();
  http_reply reply;
  try {
    reply = co_await routes_.dispatch(request);
  } catch (const std::exception& e) {
    log_line("handler error on " + request.path + ": " + e.what());
    reply = json_reply({{"ok", false}, {"error", "internal_error"}}, 500);
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - started).count();
  if (reply.hold) {
    log_line(request.method + " " + request.path + " held (fault: hang)");
    co_await hold();
    co_return false;
  }
  log_line(request.method + " " + request.path + " " + std::to_string(reply.status) + " (" +
           std::to_string(ms) + " ms)");
  co_return co_await write_reply(reply, req.version(), req.keep_alive());
}

asio::awaitable<bool> http_session::write_reply(const http_reply& reply, unsigned version,
                                                bool keep_alive) {
  http::response<http::string_body> res;
  res.version(version);
  res.result(static_cast<unsigned>(reply.status));
  res.set(http::field::server, "chatsim");
  res.set(http::field::content_type, reply.content_type);
  for (const auto& [name, value] : reply.headers) res.set(name, value);
  res.keep_alive(keep_alive);
  res.body() = reply.body;
  res.prepare_payload();
  stream_.expires_after(30s);
  auto [ec, n] = co_await http::async_write(stream_, res, tuple_awaitable);
  co_return !ec && keep_alive;
}

asio::awaitable<void> http_session::upgrade(beast_request req) {
  http_request request = to_request(req);
  for (const auto& route : upgrades_) {
    if (request.path.compare(0, route.prefix.size(), route.prefix) != 0) continue;
    if (int status = route.authorize(request); status != 0) {
      log_line("GET " + request.path + " upgrade refused " + std::to_string(status));
      co_await write_reply(error_reply(status, "websocket upgrade refused"), req.version(), false);
      co_return;
    }
    log_line("GET " + request.path + " 101 (websocket)");
    stream_.expires_never();
    route.accept(upgrade_request{std::move(stream_), std::move(req)});
    co_return;
  }
  log_line("GET " + request.path + " 404 (no websocket endpoint)");
  co_await write_reply(error_reply(404, "no websocket endpoint at " + request.path),
                       req.version(), false);
}

asio::awaitable<void> http_session::hold() {
  // The request was read and is never answered. Wait until the client goes away, or until the
  // faults are cleared, which closes the socket from under this read.
  auto id = holds_.hold([this] {
    beast::error_code ignored;
    stream_.socket().close(ignored);
  });
  stream_.expires_never();
  std::array<char, 1024> scratch;
  for (;;) {
    auto [ec, n] = co_await stream_.async_read_some(asio::buffer(scratch), tuple_awaitable);
    if (ec) break;
  }
  holds_.unhold(id);
}

asio::awaitable<void> serve_connection(tcp::socket socket, const router& routes,
                                       fault_registry& holds,
                                       const std::vector<upgrade_route>& upgrades) {
  http_session session(std::move(socket), routes, holds, upgrades);
  co_await session.run();
}

}  // namespace

http_server::http_server(asio::any_io_executor executor, const router& routes,
                         fault_registry& holds)
    : executor_(executor), routes_(routes), holds_(holds), acceptor_(executor) {}

unsigned short http_server::listen(unsigned short port) {
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  return acceptor_.local_endpoint().port();
}

void http_server::start() {
  asio::co_spawn(executor_, accept_loop(), log_failure("accept loop"));
}

void http_server::stop() {
  beast::error_code ignored;
  acceptor_.close(ignored);
}

asio::awaitable<void> http_server::accept_loop() {
  for (;;) {
    auto [ec, socket] = co_await acceptor_.async_accept(tuple_awaitable);
    if (ec) {
      if (!acceptor_.is_open()) co_return;
      log_line("accept failed: " + ec.message());
      continue;
    }
    asio::co_spawn(executor_, serve_connection(std::move(socket), routes_, holds_, upgrades_),
                   log_failure("http connection"));
  }
}

}  // namespace chatsim
