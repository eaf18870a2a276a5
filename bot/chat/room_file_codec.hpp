// The stored form of a room_file (an upload effect's payload): JSON.
#pragma once

#include <string>

#include "bot/core/room_file.hpp"

namespace oncall {

std::string room_file_to_json(const room_file& f);
// Throws std::exception on a payload that is not a stored room_file.
room_file room_file_from_json(const std::string& payload);

}  // namespace oncall
