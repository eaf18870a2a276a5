// Strict UTF-8 reading and the list of characters refused in runbook arguments.
#include "bot/runbook/text_safety.hpp"

#include <cstdio>

namespace oncall {

namespace {

struct decoded {
  char32_t code_point = 0;
  std::size_t length = 0;  // 0: not valid UTF-8 at this position
};

std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;  // a continuation byte, an overlong 2-byte lead (C0, C1) or beyond U+10FFFF
}

// One code point at `at`. Overlong forms, surrogates and values past U+10FFFF are invalid, so
// "\xC0\xAF" can never pass for "/" further down the line.
decoded decode(std::string_view s, std::size_t at) {
  const auto lead = static_cast<unsigned char>(s[at]);
  const std::size_t length = sequence_length(lead);
  if (length == 0 || at + length > s.size()) return {};
  if (length == 1) return {lead, 1};
  char32_t cp = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    const auto c = static_cast<unsigned char>(s[at + i]);
    if ((c & 0xC0) != 0x80) return {};
    cp = (cp << 6) | (c & 0x3F);
  }
  static constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < smallest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
  return {cp, length};
}

bool direction_changing(char32_t c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// Characters that print as nothing, so "prod" and "pro<ZWSP>d" would look the same to the
// person confirming the run.
bool invisible(char32_t c) {
  return c == 0x00AD || c == 0x180E || (c >= 0x200B && c <= 0x200D) ||
         (c >= 0x2060 && c <= 0x2064) || (c >= 0x206A && c <= 0x206F) || c == 0xFEFF ||
         (c >= 0xFFF9 && c <= 0xFFFB) || (c >= 0xE0000 && c <= 0xE007F);
}

// What is wrong with `c`, as a noun phrase; nullptr when it is fine.
const char* refused_kind(char32_t c) {
  switch (c) {
    case 0x00:
      return "a NUL byte";
    case 0x09:
      return "a tab";
    case 0x0A:
      return "a line break";
    case 0x0D:
      return "a carriage return";
    case 0x1B:
      return "an escape character";
    case 0x2028:
      return "a line separator";
    case 0x2029:
      return "a paragraph separator";
    default:
      break;
  }
  if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) return "a control character";
  if (direction_changing(c)) return "a character that changes text direction";
  if (invisible(c)) return "an invisible character";
  return nullptr;
}

std::string code_point_name(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

bool dash_like(char32_t c) {
  return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x2E3A || c == 0x2E3B ||
         c == 0xFE58 || c == 0xFE63 || c == 0xFF0D;
}

// Calls `visit(code_point, byte_offset, byte_length)` for each character; stops and returns the
// byte offset of the first invalid sequence, or npos when all of `s` is valid.
template <typename Visit>
std::size_t for_each_code_point(std::string_view s, Visit visit) {
  for (std::size_t at = 0; at < s.size();) {
    const decoded d = decode(s, at);
    if (d.length == 0) return at;
    if (!visit(d.code_point, at, d.length)) return std::string_view::npos;
    at += d.length;
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<std::string> unsafe_text_reason(std::string_view value) {
  std::optional<std::string> reason;
  std::size_t position = 0;
  const std::size_t bad = for_each_code_point(value, [&](char32_t c, std::size_t, std::size_t) {
    ++position;
    if (const char* kind = refused_kind(c)) {
      reason = std::string("contains ") + kind + " (" + code_point_name(c) + ") at character " +
               std::to_string(position);
      return false;
    }
    return true;
  });
  if (bad != std::string_view::npos) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(value[bad]));
    return "is not valid UTF-8 (byte " + std::string(byte) + " at byte " + std::to_string(bad + 1) +
           ")";
  }
  return reason;
}

std::optional<std::string> leading_dash(std::string_view value) {
  if (value.empty()) return std::nullopt;
  const decoded d = decode(value, 0);
  if (d.length == 0 || !dash_like(d.code_point)) return std::nullopt;
  return std::string(value.substr(0, d.length));
}

std::optional<std::string> first_non_ascii(std::string_view value) {
  std::size_t position = 0;
  for (std::size_t at = 0; at < value.size(); ++position) {
    const decoded d = decode(value, at);
    if (d.length == 0) return "an invalid byte at byte " + std::to_string(at + 1);
    if (d.code_point >= 0x80) {
      return code_point_name(d.code_point) + " at character " + std::to_string(position + 1);
    }
    at += d.length;
  }
  return std::nullopt;
}

std::string quoted_for_message(std::string_view value, std::size_t max_chars) {
  std::string out = "'";
  std::size_t shown = 0;
  for (std::size_t at = 0; at < value.size(); ++shown) {
    if (shown == max_chars) return out + "…'";
    const decoded d = decode(value, at);
    char buf[16];
    if (d.length == 0) {
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(value[at]));
      out += buf;
      ++at;
      continue;
    }
    if (d.code_point == '\n') {
      out += "\\n";
    } else if (d.code_point == '\t') {
      out += "\\t";
    } else if (d.code_point < 0x20 || d.code_point == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(d.code_point));
      out += buf;
    } else if (refused_kind(d.code_point)) {
      out += "<" + code_point_name(d.code_point) + ">";
    } else {
      out += value.substr(at, d.length);
    }
    at += d.length;
  }
  return out + "'";
}

}  // namespace oncall
