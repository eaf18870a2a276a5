// Button clicks on an announcement: Ack, Escalate, Resolve, and the noise rating.
#pragma once

#include <optional>
#include <string>

#include "handlers/command.hpp"

namespace oncall {

struct button_click {
  std::string action_id;
  std::string value;        // the incident id the button carries
  std::string channel;
  std::string message_ref;  // the announcement clicked on
};

// Applies the click. Returns a message for the clicker alone when something was refused or
// needs saying; nullopt when the updated announcement says it all.
std::optional<outbound_message> handle_button(command_context& ctx, const button_click& click);

}  // namespace oncall
