// Role: replies to a slash command or a click — from the ack payload or a POST to the
// response_url handed out with the envelope — and the book of issued response_urls.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http_types.hpp"
#include "ids.hpp"

namespace chatsim {

struct slack_state;

struct reply_target {
  std::string channel_id;
  std::string user_id;     // who ran the command or clicked
  std::string message_ts;  // the clicked message; empty for slash commands
};

class response_url_book {
 public:
  struct entry {
    reply_target target;
    int uses = 0;
    std::int64_t issued_micros = 0;
  };

  std::string issue(id_source& ids, reply_target target, std::int64_t now_micros);
  entry* find(const std::string& id);

 private:
  std::map<std::string, entry> entries_;
};

// Applies a reply message: "in_channel" posts as the bot, otherwise an ephemeral message to the
// user; replace_original / delete_original act on the clicked message. Returns an error code.
std::optional<std::string> apply_reply(slack_state& slack, const reply_target& target,
                                       const nlohmann::json& reply);

// POST /_sim/response_url/<id>: up to 5 uses within 30 minutes, as Slack allows.
http_reply handle_response_url(slack_state& slack, const http_request& request);

}  // namespace chatsim
