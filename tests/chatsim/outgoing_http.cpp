// Role: implementation of the outgoing HTTP client (Beast, one connection per request) and form
// encoding.
#include "outgoing_http.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace chatsim {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

struct parsed_url {
  std::string host, port = "80", target = "/";
};

std::optional<parsed_url> parse_http_url(std::string_view url) {
  constexpr std::string_view scheme = "http://";
  if (!url.starts_with(scheme)) return std::nullopt;
  url.remove_prefix(scheme.size());
  parsed_url out;
  auto slash = url.find('/');
  std::string_view authority = url.substr(0, slash);
  if (slash != std::string_view::npos) out.target = std::string(url.substr(slash));
  auto colon = authority.rfind(':');
  out.host = std::string(authority.substr(0, colon));
  if (colon != std::string_view::npos) out.port = std::string(authority.substr(colon + 1));
  if (out.host.empty() || out.port.empty()) return std::nullopt;
  return out;
}

}  // namespace

asio::awaitable<outgoing_response> send_request(asio::any_io_executor executor,
                                                outgoing_request request) {
  outgoing_response out;
  auto url = parse_http_url(request.url);
  if (!url) {
    out.error = "unsupported URL (chatsim calls plain http:// only): " + request.url;
    co_return out;
  }
  // Resolve, connect, write, read: one deadline for the whole exchange.
  asio::ip::tcp::resolver resolver(executor);
  auto [rec, endpoints] = co_await resolver.async_resolve(url->host, url->port, tuple_awaitable);
  if (rec) {
    out.error = "cannot resolve " + url->host + ": " + rec.message();
    co_return out;
  }
  beast::tcp_stream stream(executor);
  stream.expires_after(request.timeout);
  auto [cec, endpoint] = co_await stream.async_connect(endpoints, tuple_awaitable);
  if (cec) {
    out.error = "cannot connect to " + url->host + ":" + url->port + ": " + cec.message();
    co_return out;
  }
  http::request<http::string_body> req{http::string_to_verb(request.method), url->target, 11};
  req.set(http::field::host, url->host + ":" + url->port);
  for (const auto& [name, value] : request.headers) req.set(name, value);
  req.body() = std::move(request.body);
  req.prepare_payload();
  auto [wec, written] = co_await http::async_write(stream, req, tuple_awaitable);
  if (wec) {
    out.error = "cannot send the request: " + wec.message();
    co_return out;
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  auto [ree, read] = co_await http::async_read(stream, buffer, parser, tuple_awaitable);
  if (ree) {
    out.error = ree == beast::error::timeout ? "timed out waiting for the answer"
                                             : "no answer: " + ree.message();
    co_return out;
  }
  const auto& res = parser.get();
  out.status = static_cast<int>(res.result_int());
  out.content_type = std::string(res[http::field::content_type]);
  out.body = res.body();
  beast::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  co_return out;
}

std::string query_escape(std::string_view in) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string form_encode(std::vector<std::pair<std::string, std::string>> fields) {
  std::stable_sort(fields.begin(), fields.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += query_escape(name) + "=" + query_escape(value);
  }
  return out;
}

}  // namespace chatsim
