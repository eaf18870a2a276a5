// Role: small helpers shared by the /_sim control handlers: JSON request bodies, decoded path
// segments and tolerant field access.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "http_types.hpp"

namespace chatsim {

// The body as a JSON object; an empty body is an empty object; nullopt when not an object.
std::optional<nlohmann::json> json_body(const http_request& request);
// "/_sim/channels/%23alerts/messages" -> {"_sim", "channels", "#alerts", "messages"}
std::vector<std::string> path_segments(std::string_view path);

std::string field_string(const nlohmann::json& body, const std::string& key);  // "" if absent
std::optional<std::string> optional_field(const nlohmann::json& body, const std::string& key);
std::chrono::milliseconds field_millis(const nlohmann::json& body, const std::string& key,
                                       std::chrono::milliseconds fallback);
// A list of strings; nullopt when absent or not a list.
std::optional<std::vector<std::string>> field_list(const nlohmann::json& body,
                                                   const std::string& key);

}  // namespace chatsim
