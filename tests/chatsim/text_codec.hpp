// Role: small text codecs the simulator needs at its edges: percent-decoding of query strings and
// form bodies, base64 for opaque pagination cursors, and Slack's three-character escaping.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chatsim {

using form_fields = std::vector<std::pair<std::string, std::string>>;

// Percent-decodes `in`; with `plus_is_space` a '+' becomes ' ' (form and query encoding).
std::string url_decode(std::string_view in, bool plus_is_space = true);

// Splits "a=1&b=2" into decoded pairs; a field without '=' gets an empty value.
form_fields parse_form(std::string_view body);

std::string base64_encode(std::string_view in);
std::optional<std::string> base64_decode(std::string_view in);

// Slack escapes exactly &, < and > in message text (protocols.md A7).
std::string slack_escape(std::string_view in);
std::string slack_unescape(std::string_view in);

// ASCII lower-casing, for header names and content types.
std::string to_lower(std::string_view in);

}  // namespace chatsim
