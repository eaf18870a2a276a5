// Role: chatsim as an HTTP client, for dialects that call the bot (Mattermost slash commands and
// button integrations): one plain-HTTP request on the io thread with a deadline, plus the form
// encoding Go's url.Values produces.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

namespace chatsim {

struct outgoing_request {
  std::string method = "POST";
  std::string url;  // http://host[:port]/path[?query]; https is refused
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{30000};
};

struct outgoing_response {
  int status = 0;            // 0 when no HTTP answer came
  std::string error;         // transport failure or timeout; empty when an answer came
  std::string content_type;
  std::string body;
};

boost::asio::awaitable<outgoing_response> send_request(boost::asio::any_io_executor executor,
                                                       outgoing_request request);

// Go's url.QueryEscape: unreserved characters kept, ' ' as '+', the rest %XX.
std::string query_escape(std::string_view in);
// Go's url.Values.Encode: keys sorted (stable, so repeated keys keep their order), '&'-joined.
std::string form_encode(std::vector<std::pair<std::string, std::string>> fields);

}  // namespace chatsim
