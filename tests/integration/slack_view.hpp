// Reading chatsim's Slack channel dumps the way a person reads the channel.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace oncall::testing {

using nlohmann::json;

inline bool is_top_level(const json& m) {
  auto thread = m.value("thread_ts", "");
  return thread.empty() || thread == m.value("ts", "");
}

// Everything a person sees of a message: its text and every text in its blocks.
inline std::string visible_text(const json& m) {
  std::string out = m.value("text", "");
  if (m.contains("blocks")) out += "\n" + m["blocks"].dump();
  return out;
}

inline json top_level(const json& messages) {
  json out = json::array();
  for (const auto& m : messages) {
    if (is_top_level(m)) out.push_back(m);
  }
  return out;
}

inline json replies_to(const json& messages, const std::string& ts) {
  json out = json::array();
  for (const auto& m : messages) {
    if (!is_top_level(m) && m.value("thread_ts", "") == ts) out.push_back(m);
  }
  return out;
}

inline bool has_button(const json& m, const std::string& action_id) {
  if (!m.contains("blocks")) return false;
  for (const auto& block : m["blocks"]) {
    if (block.value("type", "") != "actions") continue;
    for (const auto& e : block["elements"]) {
      if (e.value("action_id", "") == action_id) return true;
    }
  }
  return false;
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace oncall::testing
