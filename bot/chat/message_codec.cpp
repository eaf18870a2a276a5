// outbound_message <-> JSON.
#include "bot/chat/message_codec.hpp"

#include <nlohmann/json.hpp>

namespace oncall {

namespace {

using nlohmann::json;

json rich_to_json(const rich_text& t) {
  auto arr = json::array();
  for (const auto& s : t) {
    json j = {{"k", static_cast<int>(s.type)}, {"v", s.value}};
    if (!s.url.empty()) j["u"] = s.url;
    arr.push_back(std::move(j));
  }
  return arr;
}

rich_text rich_from_json(const json& arr) {
  rich_text t;
  for (const auto& j : arr) {
    t.push_back({static_cast<span::kind>(j.at("k").get<int>()), j.at("v").get<std::string>(),
                 j.value("u", "")});
  }
  return t;
}

}  // namespace

std::string message_to_json(const outbound_message& m) {
  json j;
  j["headline"] = rich_to_json(m.headline);
  j["body"] = json::array();
  for (const auto& p : m.body) j["body"].push_back(rich_to_json(p));
  j["fields"] = json::array();
  for (const auto& f : m.fields) j["fields"].push_back({{"label", f.label}, {"value", rich_to_json(f.value)}});
  j["buttons"] = json::array();
  for (const auto& b : m.buttons) {
    j["buttons"].push_back({{"id", b.action_id}, {"label", b.label}, {"value", b.value},
                            {"style", static_cast<int>(b.look)}});
  }
  j["context"] = json::array();
  for (const auto& c : m.context) j["context"].push_back(rich_to_json(c));
  return j.dump();
}

outbound_message message_from_json(const std::string& text) {
  auto j = json::parse(text);
  outbound_message m;
  m.headline = rich_from_json(j.at("headline"));
  for (const auto& p : j.at("body")) m.body.push_back(rich_from_json(p));
  for (const auto& f : j.at("fields")) {
    m.fields.push_back({f.at("label").get<std::string>(), rich_from_json(f.at("value"))});
  }
  for (const auto& b : j.at("buttons")) {
    m.buttons.push_back({b.at("id").get<std::string>(), b.at("label").get<std::string>(),
                         b.at("value").get<std::string>(),
                         static_cast<button::style>(b.at("style").get<int>())});
  }
  for (const auto& c : j.at("context")) m.context.push_back(rich_from_json(c));
  return m;
}

}  // namespace oncall
