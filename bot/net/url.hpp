// Splitting http(s)/ws(s) URLs into what a connection needs.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace oncall {

struct url_parts {
  std::string scheme;  // http, https, ws, wss
  std::string host;
  std::string port;    // defaulted from the scheme
  std::string target;  // path and query, at least "/"
  bool tls() const { return scheme == "https" || scheme == "wss"; }
};

std::optional<url_parts> parse_url(std::string_view url);

// Percent-encoding for application/x-www-form-urlencoded bodies and query strings.
std::string url_encode(std::string_view text);
std::string url_decode(std::string_view text);
// The fields of an application/x-www-form-urlencoded body, decoded (Slack and Mattermost send
// slash commands so) as UTF-8 text: bytes that are not well-formed UTF-8 become U+FFFD.
std::multimap<std::string, std::string> parse_form(std::string_view body);

}  // namespace oncall
