// Role: what the HTTP server hands to a websocket endpoint after reading an upgrade request:
// the TCP stream and the parsed request, ready for websocket::stream::async_accept.
#pragma once

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace chatsim {

struct upgrade_request {
  boost::beast::tcp_stream stream;
  boost::beast::http::request<boost::beast::http::string_body> request;
};

}  // namespace chatsim
