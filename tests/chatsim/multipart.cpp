// Role: implementation of the multipart/form-data reader.
#include "multipart.hpp"

#include "text_codec.hpp"

namespace chatsim {
namespace {

// The value of `key="…"` in a Content-Disposition header, or nullopt.
std::optional<std::string> disposition_param(const std::string& header, const std::string& key) {
  std::string needle = key + "=\"";
  std::size_t at = 0;
  while ((at = header.find(needle, at)) != std::string::npos) {
    // `name=` must not match the tail of `filename=`.
    if (at == 0 || header[at - 1] == ' ' || header[at - 1] == ';') {
      std::size_t start = at + needle.size();
      std::size_t end = header.find('"', start);
      if (end == std::string::npos) return std::nullopt;
      return header.substr(start, end - start);
    }
    at += needle.size();
  }
  return std::nullopt;
}

}  // namespace

std::string multipart_boundary(const std::string& content_type) {
  auto at = to_lower(content_type).find("boundary=");
  if (at == std::string::npos) return {};
  std::string b = content_type.substr(at + 9);
  if (auto semi = b.find(';'); semi != std::string::npos) b.resize(semi);
  if (b.size() >= 2 && b.front() == '"' && b.back() == '"') b = b.substr(1, b.size() - 2);
  return b;
}

std::optional<std::vector<form_part>> parse_multipart(const std::string& body, const std::string& boundary) {
  if (boundary.empty()) return std::nullopt;
  const std::string delimiter = "--" + boundary;
  std::vector<form_part> parts;
  std::size_t at = body.find(delimiter);
  if (at == std::string::npos) return std::nullopt;
  for (;;) {
    at += delimiter.size();
    if (body.compare(at, 2, "--") == 0) return parts;  // the closing delimiter
    if (body.compare(at, 2, "\r\n") != 0) return std::nullopt;
    std::size_t headers_end = body.find("\r\n\r\n", at + 2);
    if (headers_end == std::string::npos) return std::nullopt;
    std::string headers = body.substr(at + 2, headers_end - at - 2);
    std::size_t next = body.find("\r\n" + delimiter, headers_end + 4);
    if (next == std::string::npos) return std::nullopt;
    form_part part;
    for (std::size_t line = 0; line < headers.size();) {
      std::size_t end = headers.find("\r\n", line);
      if (end == std::string::npos) end = headers.size();
      std::string h = headers.substr(line, end - line);
      if (to_lower(h).rfind("content-disposition:", 0) == 0) {
        part.name = disposition_param(h, "name").value_or("");
        part.filename = disposition_param(h, "filename").value_or("");
      }
      line = end + 2;
    }
    part.content = body.substr(headers_end + 4, next - headers_end - 4);
    parts.push_back(std::move(part));
    at = next + 2;
  }
}


}  // namespace chatsim
