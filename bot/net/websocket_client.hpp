// A websocket client connection (ws:// or wss://) with one writer: frames queued by `send` are
// written in order by a single coroutine, never two writes in flight. Pings from the server are
// answered while a read is pending; keep-alive pings detect a dead peer.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace oncall {

struct websocket_options {
  std::vector<std::pair<std::string, std::string>> headers;  // on the upgrade request
  std::chrono::seconds idle_timeout{30};  // no frame (incl. pong) for this long: dead
  std::chrono::seconds handshake_timeout{15};
};

class websocket_client {
 public:
  ~websocket_client();

  // Connects and completes the upgrade; on failure returns nullptr and sets `error`.
  static boost::asio::awaitable<std::unique_ptr<websocket_client>> connect(
      boost::asio::any_io_executor executor, std::string url, websocket_options options,
      std::string& error);

  // The next text frame; nullopt when the connection ended (reason in last_error()).
  boost::asio::awaitable<std::optional<std::string>> read();
  // Queues a text frame.
  void send(std::string frame);
  // Closes politely (close frame) once queued frames are written.
  void close();
  // Drops the connection at once.
  void abort();
  const std::string& last_error() const;

 private:
  struct impl;
  explicit websocket_client(std::unique_ptr<impl> p);
  std::shared_ptr<impl> impl_;
};

}  // namespace oncall
