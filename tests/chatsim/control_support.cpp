// Role: implementation of the control-API helpers.
#include "control_support.hpp"

#include "text_codec.hpp"

namespace chatsim {

std::optional<nlohmann::json> json_body(const http_request& request) {
  if (request.body.empty()) return nlohmann::json::object();
  auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return std::nullopt;
  return body;
}

std::vector<std::string> path_segments(std::string_view path) {
  std::vector<std::string> out;
  while (!path.empty()) {
    auto slash = path.find('/');
    auto part = path.substr(0, slash);
    if (!part.empty()) out.push_back(url_decode(part, false));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

std::optional<std::string> optional_field(const nlohmann::json& body, const std::string& key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

std::string field_string(const nlohmann::json& body, const std::string& key) {
  return optional_field(body, key).value_or("");
}

std::chrono::milliseconds field_millis(const nlohmann::json& body, const std::string& key,
                                       std::chrono::milliseconds fallback) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_number()) return fallback;
  return std::chrono::milliseconds(it->get<long>());
}

std::optional<std::vector<std::string>> field_list(const nlohmann::json& body,
                                                   const std::string& key) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& item : *it) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace chatsim
