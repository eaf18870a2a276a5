// JSON form of outbound_message, for effects waiting in storage.
#pragma once

#include <string>

#include "bot/chat/message.hpp"

namespace oncall {

std::string message_to_json(const outbound_message& m);
// Throws nlohmann::json::exception on a malformed document (only ever our own output).
outbound_message message_from_json(const std::string& json);

}  // namespace oncall
