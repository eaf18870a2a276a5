// URL splitting and form encoding.
#include "bot/net/url.hpp"

#include <cctype>

namespace oncall {

std::optional<url_parts> parse_url(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  url_parts parts;
  parts.scheme = std::string(url.substr(0, scheme_end));
  for (auto& c : parts.scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string default_port;
  if (parts.scheme == "http" || parts.scheme == "ws") default_port = "80";
  else if (parts.scheme == "https" || parts.scheme == "wss") default_port = "443";
  else return std::nullopt;
  auto rest = url.substr(scheme_end + 3);
  auto path_start = rest.find_first_of("/?");
  auto authority = rest.substr(0, path_start);
  parts.target = path_start == std::string_view::npos ? "/" : std::string(rest.substr(path_start));
  if (!parts.target.empty() && parts.target.front() == '?') parts.target = "/" + parts.target;
  if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
  if (authority.front() == '[') {  // [::1]:8080
    auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    parts.host = std::string(authority.substr(1, close - 1));
    auto after = authority.substr(close + 1);
    parts.port = after.size() > 1 && after.front() == ':' ? std::string(after.substr(1)) : default_port;
    return parts;
  }
  auto colon = authority.rfind(':');
  parts.host = std::string(authority.substr(0, colon));
  parts.port = colon == std::string_view::npos ? default_port : std::string(authority.substr(colon + 1));
  if (parts.host.empty() || parts.port.empty()) return std::nullopt;
  return parts;
}

std::string url_encode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string url_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

namespace {

// The length of the well-formed UTF-8 sequence at the start of `text` (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or 0 when it is not one.
std::size_t utf8_sequence_length(std::string_view text) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (text.size() < length || byte(1) < low || byte(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return length;
}

// Form fields become command text that is stored and sent back as JSON, which must be UTF-8: a
// byte that is not part of a well-formed sequence becomes U+FFFD, as browsers decode forms.
std::string as_utf8_text(std::string text) {
  std::string out;
  std::string_view rest = text;
  while (!rest.empty()) {
    auto length = utf8_sequence_length(rest);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      length = 1;
    } else {
      out += rest.substr(0, length);
    }
    rest.remove_prefix(length);
  }
  return out;
}

}  // namespace

std::multimap<std::string, std::string> parse_form(std::string_view body) {
  std::multimap<std::string, std::string> out;
  while (!body.empty()) {
    auto amp = body.find('&');
    auto pair = body.substr(0, amp);
    auto eq = pair.find('=');
    if (!pair.empty()) {
      out.emplace(as_utf8_text(url_decode(pair.substr(0, eq))),
                  eq == std::string_view::npos ? std::string{} : as_utf8_text(url_decode(pair.substr(eq + 1))));
    }
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return out;
}

}  // namespace oncall
