// The command registry: /oncall <sub> → handler. Rejects duplicate names, generates help, and
// turns command_errors into ephemeral replies that show the right form.
#pragma once

#include <map>
#include <string>

#include "handlers/command.hpp"

namespace oncall {

class command_registry {
 public:
  // Throws std::logic_error for a duplicate name (a programming error).
  void add(command_spec spec);
  const command_spec* find(const std::string& name) const;
  const std::map<std::string, command_spec>& all() const { return commands_; }

  // Runs `/oncall <text>` for the caller. Never throws for bad input: the reply says what was
  // wrong and shows the usage, and nothing has changed.
  command_reply dispatch(command_context& ctx, const std::string& text) const;

 private:
  std::map<std::string, command_spec> commands_;
};

// Every /oncall subcommand of this build.
const command_registry& oncall_commands();

}  // namespace oncall
