// Escaping for the Markdown export; see markdown_text.hpp for what each function promises.
#include "bot/report/markdown_text.hpp"

#include <cstdint>

namespace oncall {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

// Decodes one UTF-8 sequence at `i`; returns its length, or 0 when it is invalid.
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not text.
  static constexpr char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
  return len;
}

// Explicit embeddings, overrides and isolates: they would reorder what follows them on the
// page (the "Trojan Source" trick). Marks (U+200E/F) only affect neutral characters and stay.
bool is_bidi_control(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

template <typename OnCodePoint>
std::string transcode(std::string_view s, OnCodePoint on) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    std::size_t len = decode(s, i, cp);
    if (len == 0) {
      out += replacement;
      ++i;
      continue;
    }
    on(out, cp, s.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  return transcode(text, [](std::string& out, char32_t, std::string_view bytes) { out += bytes; });
}

std::string markdown_text(std::string_view text) {
  return transcode(text, [](std::string& out, char32_t cp, std::string_view bytes) {
    if (cp == '\n') {
      out += "<br>";
      return;
    }
    if (cp == '\t') {
      out += ' ';
      return;
    }
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || is_bidi_control(cp)) return;
    switch (cp) {
      case '<': out += "&lt;"; return;
      case '>': out += "&gt;"; return;
      case '&': out += "&amp;"; return;
      case '@': out += "&#64;"; return;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '(': case ')':
      case '|': case '~': case '#': case '!': case '$':
        out += '\\';
        out += static_cast<char>(cp);
        return;
      default:
        out += bytes;
    }
  });
}

std::string markdown_link_target(std::string_view url) {
  if (!url.starts_with("https://") && !url.starts_with("http://")) return {};
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : valid_utf8(url)) {
    if (c <= 0x20 || c == '(' || c == ')' || c == '<' || c == '>' || c == '\\' || c == '`' ||
        c == '"' || c == '\'' || c == 0x7F || c == '[' || c == ']' || c == '@') {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace oncall
