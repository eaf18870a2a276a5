// Role: a reader for multipart/form-data bodies (Mattermost's POST /files, and the SDKs' posts
// to Slack's upload_url).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace chatsim {

struct form_part {
  std::string name, filename, content;
};

// The boundary parameter of a multipart Content-Type, or "".
std::string multipart_boundary(const std::string& content_type);
// The parts of a multipart/form-data body; nullopt when it is not well formed.
std::optional<std::vector<form_part>> parse_multipart(const std::string& body, const std::string& boundary);

}  // namespace chatsim
