// Role: a small Socket Mode client for tests: Beast websocket driven on the test thread, one read
// kept in flight (so pings are answered), frames parsed as JSON, waits bounded by timeouts.
#pragma once

#include <chrono>
#include <deque>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <nlohmann/json.hpp>

namespace chatsim_test {

class ws_client {
 public:
  // Connects to ws://127.0.0.1:port<target>; throws when the upgrade is refused.
  ws_client(unsigned short port, const std::string& target);

  // The HTTP status of an upgrade attempt (101 on success) without keeping the connection.
  static int upgrade_status(unsigned short port, const std::string& target);

  // The next text frame, or nothing when none arrives in time or the socket closed.
  std::optional<nlohmann::json> next(std::chrono::milliseconds timeout);
  // The next frame whose "type" is `type`, skipping others.
  std::optional<nlohmann::json> next_of_type(const std::string& type,
                                             std::chrono::milliseconds timeout);
  void send(const nlohmann::json& frame);
  void send_text(const std::string& text);
  void ack(const nlohmann::json& envelope, const nlohmann::json& payload = nullptr);
  bool closed() const { return closed_; }
  // Keeps the connection serviced (reads, automatic pongs) for `duration`.
  void pump(std::chrono::milliseconds duration);
  int pings_received() const { return pings_; }

 private:
  void start_read();

  boost::asio::io_context ioc_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::deque<std::string> frames_;
  bool closed_ = false;
  int pings_ = 0;
};

// Opens a Socket Mode connection the way the SDKs do: apps.connections.open, then the URL.
std::string connections_open_target(const nlohmann::json& open_response);

}  // namespace chatsim_test
