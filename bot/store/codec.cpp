// Labels are stored as a JSON object, links as [{"label","url"}].
#include "bot/store/codec.hpp"

#include <nlohmann/json.hpp>

namespace oncall {

std::string labels_to_json(const label_map& labels) { return nlohmann::json(labels).dump(); }

label_map labels_from_json(const std::string& json) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  label_map out;
  if (!j.is_object()) return out;
  for (auto& [k, v] : j.items()) {
    if (v.is_string()) out[k] = v.get<std::string>();
  }
  return out;
}

std::string links_to_json(const std::vector<link>& links) {
  auto arr = nlohmann::json::array();
  for (const auto& l : links) arr.push_back({{"label", l.label}, {"url", l.url}});
  return arr.dump();
}

std::vector<link> links_from_json(const std::string& json) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  std::vector<link> out;
  if (!j.is_array()) return out;
  for (const auto& item : j) {
    out.push_back({item.value("label", ""), item.value("url", "")});
  }
  return out;
}

}  // namespace oncall
