// What a slash-command handler sees and returns. A handler is a small function from (caller,
// room, arguments) to engine calls and a reply; it never knows the chat platform.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bot/chat/message.hpp"
#include "bot/engine/actor.hpp"
#include "bot/engine/incident_engine.hpp"

namespace oncall {

struct command_context {
  incident_engine& engine;
  actor caller;
  std::string channel;  // platform channel id the command was typed in
};

struct command_reply {
  outbound_message message;
  bool in_channel = false;  // false: only the caller sees it
};

// Thrown by handlers for bad input; the dispatcher turns it into an ephemeral reply that shows
// the command's usage. Nothing has changed when it is thrown.
struct command_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct command_spec {
  std::string name;   // "ack"
  std::string usage;  // "ack [ID] [for DURATION]"
  std::string help;   // one line
  bool changes_state = false;  // refused for users who are not in people[]
  std::function<command_reply(command_context&, const std::vector<std::string>& args)> run;
};

// A reply of one line.
command_reply reply_text(rich_text text, bool in_channel = false);

}  // namespace oncall
