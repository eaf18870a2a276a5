// Role: Block Kit helpers: validation of a blocks argument, the ids Slack fills in when a client
// leaves them out, and finding a button by action_id for simulated clicks.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "ids.hpp"

namespace chatsim {

// True when `blocks` is an array of objects that each have a string "type".
bool valid_blocks(const nlohmann::json& blocks);

// Gives every block a block_id and every interactive element an action_id, as Slack does.
void assign_block_ids(nlohmann::json& blocks, id_source& ids);

struct found_button {
  nlohmann::json element;  // the button element as stored
  std::string block_id;
};

// The first button with `action_id` (and `value`, when given) in an actions block or a section
// accessory.
std::optional<found_button> find_button(const nlohmann::json& blocks, const std::string& action_id,
                                        const std::optional<std::string>& value);

}  // namespace chatsim
