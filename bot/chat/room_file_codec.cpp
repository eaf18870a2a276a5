// JSON codec for room_file payloads.
#include "bot/chat/room_file_codec.hpp"

#include <nlohmann/json.hpp>

namespace oncall {

std::string room_file_to_json(const room_file& f) {
  return nlohmann::json{{"filename", f.filename}, {"title", f.title}, {"content", f.content}, {"comment", f.comment}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

room_file room_file_from_json(const std::string& payload) {
  auto j = nlohmann::json::parse(payload);
  room_file f;
  f.filename = j.at("filename").get<std::string>();
  f.title = j.value("title", "");
  f.content = j.at("content").get<std::string>();
  f.comment = j.value("comment", "");
  return f;
}

}  // namespace oncall
