// Role: implementation of the test websocket client.
#include "ws_client.hpp"

#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket.hpp>

namespace chatsim_test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

ws_client::ws_client(unsigned short port, const std::string& target) : ws_(ioc_) {
  beast::get_lowest_layer(ws_).connect(
      asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  ws_.handshake("127.0.0.1:" + std::to_string(port), target);
  ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
    if (kind == websocket::frame_type::ping) ++pings_;
  });
  start_read();
}

int ws_client::upgrade_status(unsigned short port, const std::string& target) {
  asio::io_context ioc;
  websocket::stream<beast::tcp_stream> ws(ioc);
  beast::get_lowest_layer(ws).connect(
      asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  websocket::response_type res;
  beast::error_code ec;
  ws.handshake(res, "127.0.0.1:" + std::to_string(port), target, ec);
  return static_cast<int>(res.result_int());
}

void ws_client::start_read() {
  ws_.async_read(buffer_, [this](beast::error_code ec, std::size_t) {
    if (ec) {
      closed_ = true;
      return;
    }
    frames_.push_back(beast::buffers_to_string(buffer_.data()));
    buffer_.consume(buffer_.size());
    start_read();
  });
}

std::optional<nlohmann::json> ws_client::next(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (frames_.empty() && !closed_) {
    auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) break;
    ioc_.restart();
    ioc_.run_one_for(left);
  }
  if (frames_.empty()) return std::nullopt;
  std::string text = std::move(frames_.front());
  frames_.pop_front();
  return nlohmann::json::parse(text);
}

void ws_client::pump(std::chrono::milliseconds duration) {
  auto deadline = std::chrono::steady_clock::now() + duration;
  while (!closed_ && std::chrono::steady_clock::now() < deadline) {
    ioc_.restart();
    ioc_.run_one_until(deadline);
  }
}

std::optional<nlohmann::json> ws_client::next_of_type(const std::string& type,
                                                      std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    auto frame = next(left);
    if (!frame) return std::nullopt;
    if (frame->value("type", "") == type) return frame;
  }
}

void ws_client::send_text(const std::string& text) {
  bool done = false;
  beast::error_code result;
  ws_.text(true);
  ws_.async_write(asio::buffer(text), [&](beast::error_code ec, std::size_t) {
    result = ec;
    done = true;
  });
  while (!done) {
    ioc_.restart();
    ioc_.run_one();
  }
  if (result) throw std::runtime_error("websocket write failed: " + result.message());
}

void ws_client::send(const nlohmann::json& frame) { send_text(frame.dump()); }

void ws_client::ack(const nlohmann::json& envelope, const nlohmann::json& payload) {
  nlohmann::json frame{{"envelope_id", envelope.at("envelope_id")}};
  if (!payload.is_null()) frame["payload"] = payload;
  send(frame);
}

std::string connections_open_target(const nlohmann::json& open_response) {
  std::string url = open_response.at("url");
  auto path = url.find("/link");
  if (path == std::string::npos) throw std::runtime_error("unexpected url " + url);
  return url.substr(path);
}

}  // namespace chatsim_test
