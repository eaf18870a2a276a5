// Beast HTTP client. One translation unit holds the Beast HTTP code for the whole bot.
#include "bot/net/http_client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <charconv>
#include <variant>

#include "bot/net/tls.hpp"
#include "bot/net/url.hpp"

namespace oncall {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

asio::ssl::context& client_tls_context() {
  static asio::ssl::context ctx = [] {
    asio::ssl::context c(asio::ssl::context::tls_client);
    c.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                  asio::ssl::context::no_tlsv1_1);
    c.set_default_verify_paths();
    c.set_verify_mode(asio::ssl::verify_peer);
    return c;
  }();
  return ctx;
}

namespace {

using plain_stream = beast::tcp_stream;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

struct connection {
  std::variant<plain_stream, tls_stream> stream;
  beast::flat_buffer buffer;
};

std::string pool_key(const url_parts& u) { return u.scheme + "://" + u.host + ":" + u.port; }

template <typename Stream>
asio::awaitable<http_response> exchange(Stream& stream, beast::flat_buffer& buffer,
                                        http::request<http::string_body>& req,
                                        std::chrono::milliseconds timeout) {
  http_response out;
  beast::get_lowest_layer(stream).expires_after(timeout);
  auto [werr, wn] = co_await http::async_write(stream, req, use_tuple);
  if (werr) {
    out.error = "write: " + werr.message();
    co_return out;
  }
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  auto [rerr, rn] = co_await http::async_read(stream, buffer, parser, use_tuple);
  if (rerr) {
    out.error = "read: " + rerr.message();
    co_return out;
  }
  auto& res = parser.get();
  out.status = static_cast<int>(res.result_int());
  for (const auto& h : res) {
    std::string name(h.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(h.value());
  }
  out.headers["connection"] = res.keep_alive() ? "keep-alive" : "close";
  out.body = std::move(res.body());
  co_return out;
}

}  // namespace

struct http_client::impl {
  asio::any_io_executor executor;
  std::multimap<std::string, std::unique_ptr<connection>> idle;

  asio::awaitable<std::unique_ptr<connection>> open(const url_parts& u,
                                                    std::chrono::milliseconds timeout,
                                                    std::string& error) {
    tcp::resolver resolver(executor);
    auto [rerr, endpoints] = co_await resolver.async_resolve(u.host, u.port, use_tuple);
    if (rerr) {
      error = "resolve " + u.host + ": " + rerr.message();
      co_return nullptr;
    }
    plain_stream tcp_stream(executor);
    tcp_stream.expires_after(timeout);
    auto [cerr, ep] = co_await tcp_stream.async_connect(endpoints, use_tuple);
    if (cerr) {
      error = "connect " + u.host + ":" + u.port + ": " + cerr.message();
      co_return nullptr;
    }
    tcp_stream.socket().set_option(tcp::no_delay(true));
    if (!u.tls()) co_return std::make_unique<connection>(connection{std::move(tcp_stream), {}});
    tls_stream tls(std::move(tcp_stream), client_tls_context());
    // SNI and host-name verification: Slack requires both.
    if (!SSL_set_tlsext_host_name(tls.native_handle(), u.host.c_str())) {
      error = "TLS: cannot set SNI for " + u.host;
      co_return nullptr;
    }
    tls.set_verify_callback(asio::ssl::host_name_verification(u.host));
    auto [herr] = co_await tls.async_handshake(asio::ssl::stream_base::client, use_tuple);
    if (herr) {
      error = "TLS handshake with " + u.host + ": " + herr.message();
      co_return nullptr;
    }
    co_return std::make_unique<connection>(connection{std::move(tls), {}});
  }

  asio::awaitable<http_response> attempt(const url_parts& u, http::request<http::string_body>& req,
                                         std::chrono::milliseconds timeout, bool& reused) {
    std::unique_ptr<connection> conn;
    auto it = idle.find(pool_key(u));
    reused = it != idle.end();
    if (reused) {
      conn = std::move(it->second);
      idle.erase(it);
    } else {
      std::string error;
      conn = co_await open(u, timeout, error);
      if (!conn) co_return http_response{0, {}, {}, error};
    }
    auto res = co_await std::visit(
        [&](auto& s) { return exchange(s, conn->buffer, req, timeout); }, conn->stream);
    if (res.error.empty() && res.header("connection") != "close") {
      idle.emplace(pool_key(u), std::move(conn));
    }
    co_return res;
  }
};

std::chrono::milliseconds http_response::retry_after() const {
  auto value = header("retry-after");
  long long seconds = 1;
  std::from_chars(value.data(), value.data() + value.size(), seconds);
  return std::chrono::milliseconds{std::max(1LL, seconds) * 1000};
}

http_client::http_client(asio::any_io_executor executor) : impl_(std::make_unique<impl>()) {
  impl_->executor = std::move(executor);
}

http_client::~http_client() = default;

asio::awaitable<http_response> http_client::send(http_request request) {
  auto u = parse_url(request.url);
  if (!u || (u->scheme != "http" && u->scheme != "https")) {
    co_return http_response{0, {}, {}, "not an http(s) URL: " + request.url};
  }
  http::request<http::string_body> req;
  req.method(http::string_to_verb(request.method));
  req.target(u->target);
  req.version(11);
  req.set(http::field::host, u->host);
  req.set(http::field::user_agent, "oncallbot/" ONCALLBOT_VERSION);
  for (const auto& [name, value] : request.headers) req.set(name, value);
  req.body() = std::move(request.body);
  req.prepare_payload();
  req.keep_alive(true);
  bool reused = false;
  auto res = co_await impl_->attempt(*u, req, request.timeout, reused);
  if (!res.error.empty() && reused) {
    // The server may have closed an idle keep-alive connection: one fresh try.
    res = co_await impl_->attempt(*u, req, request.timeout, reused);
  }
  co_return res;
}

}  // namespace oncall
