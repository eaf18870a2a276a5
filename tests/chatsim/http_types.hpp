// Role: chatsim's own view of an HTTP request and reply, so that handlers never see Beast, plus
// the reply builders every handler uses.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace chatsim {

struct http_request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // the target before '?', still percent-encoded
  std::string query;   // the raw query string, without '?'
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string{} : it->second;
  }
};

struct http_reply {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // A "hang" fault: never answer; the server holds the connection until the client closes it
  // or the faults are cleared, then closes it unanswered.
  bool hold = false;
};

http_reply json_reply(const nlohmann::json& body, int status = 200);
http_reply text_reply(std::string body, int status = 200);
// Control-API errors: {"error": message}.
http_reply error_reply(int status, std::string_view message);

}  // namespace chatsim
