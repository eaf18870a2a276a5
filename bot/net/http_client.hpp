// An asynchronous HTTP/1.1 client for the chat platforms' APIs: http:// and https:// (TLS 1.2+,
// peer verified against the system trust store, SNI, host-name check), keep-alive connections
// reused per host, a timeout per request. Errors are values, never exceptions.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace oncall {

struct http_request {
  std::string method = "POST";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{10'000};
};

struct http_response {
  int status = 0;                             // 0: no answer (see error)
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string error;  // transport failure, empty when an answer came

  bool ok() const { return error.empty() && status >= 200 && status < 300; }
  // Retry-After of a 429 (whole seconds, as Slack and Mattermost send it); a missing or odd
  // header still means "wait a second".
  std::chrono::milliseconds retry_after() const;
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string{} : it->second;
  }
};

class http_client {
 public:
  explicit http_client(boost::asio::any_io_executor executor);
  ~http_client();
  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  boost::asio::awaitable<http_response> send(http_request request);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace oncall
