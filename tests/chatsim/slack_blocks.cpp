// Role: implementation of the Block Kit helpers.
#include "slack_blocks.hpp"

namespace chatsim {
namespace {

// The interactive elements of a block: an actions block's elements, a section's accessory.
template <typename Json, typename Visit>
void for_each_element(Json& block, Visit visit) {
  if (block.contains("elements") && block["elements"].is_array() && block.value("type", "") == "actions") {
    for (auto& element : block["elements"]) visit(element);
  }
  if (block.contains("accessory") && block["accessory"].is_object()) visit(block["accessory"]);
}

}  // namespace

bool valid_blocks(const nlohmann::json& blocks) {
  if (!blocks.is_array()) return false;
  for (const auto& block : blocks) {
    if (!block.is_object() || !block.contains("type") || !block["type"].is_string()) return false;
  }
  return true;
}

void assign_block_ids(nlohmann::json& blocks, id_source& ids) {
  for (auto& block : blocks) {
    if (!block.contains("block_id")) block["block_id"] = ids.short_id(5);
    for_each_element(block, [&](nlohmann::json& element) {
      if (element.is_object() && !element.contains("action_id")) {
        element["action_id"] = ids.short_id(5);
      }
    });
  }
}

std::optional<found_button> find_button(const nlohmann::json& blocks, const std::string& action_id,
                                        const std::optional<std::string>& value) {
  if (!blocks.is_array()) return std::nullopt;
  std::optional<found_button> found;
  for (const auto& block : blocks) {
    if (!block.is_object()) continue;
    for_each_element(block, [&](const nlohmann::json& element) {
      if (found || !element.is_object() || element.value("type", "") != "button") return;
      if (element.value("action_id", "") != action_id) return;
      if (value && element.value("value", "") != *value) return;
      found = found_button{element, block.value("block_id", "")};
    });
    if (found) break;
  }
  return found;
}

}  // namespace chatsim
