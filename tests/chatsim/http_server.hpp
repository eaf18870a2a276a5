// Role: the one loopback TCP port: HTTP/1.1 with keep-alive for the Web and control APIs, and
// websocket upgrades handed to the endpoint registered for the path.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "http_types.hpp"
#include "upgrade_route.hpp"

namespace chatsim {

class fault_registry;
class router;

class http_server {
 public:
  http_server(boost::asio::any_io_executor executor, const router& routes, fault_registry& holds);

  void add_upgrade(upgrade_route route) { upgrades_.push_back(std::move(route)); }
  // Binds 127.0.0.1:port (0 = ephemeral) and returns the bound port; throws on failure.
  unsigned short listen(unsigned short port);
  void start();
  void stop();

 private:
  boost::asio::awaitable<void> accept_loop();

  boost::asio::any_io_executor executor_;
  const router& routes_;
  fault_registry& holds_;
  std::vector<upgrade_route> upgrades_;
  boost::asio::ip::tcp::acceptor acceptor_;
};

}  // namespace chatsim
