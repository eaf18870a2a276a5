// Role: reply builders shared by the Web API and control API handlers.
#include "http_types.hpp"

#include <nlohmann/json.hpp>

namespace chatsim {

http_reply json_reply(const nlohmann::json& body, int status) {
  http_reply reply;
  reply.status = status;
  reply.body = body.dump();
  return reply;
}

http_reply text_reply(std::string body, int status) {
  http_reply reply;
  reply.status = status;
  reply.content_type = "text/plain; charset=utf-8";
  reply.body = std::move(body);
  return reply;
}

http_reply error_reply(int status, std::string_view message) {
  return json_reply({{"error", message}}, status);
}

}  // namespace chatsim
