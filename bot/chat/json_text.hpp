// A lenient read of a string member from a platform's JSON event: chat events omit fields or
// send null freely, and an absent value means "not given", not an error.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace oncall {

// `j[key]` when `j` is an object holding a string there; empty otherwise.
inline std::string json_string(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

}  // namespace oncall
