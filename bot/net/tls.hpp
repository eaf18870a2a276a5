// The TLS client context shared by HTTP and websocket connections: TLS 1.2+, peers verified
// against the system trust store.
#pragma once

#include <boost/asio/ssl/context.hpp>

namespace oncall {

boost::asio::ssl::context& client_tls_context();

}  // namespace oncall
