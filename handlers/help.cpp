// /oncall help — every command with its form, generated from the registry.
#include "handlers/commands.hpp"
#include "handlers/registry.hpp"

namespace oncall {

command_spec help_command() {
  return {"help", "help", "lists the commands", false,
          [](command_context&, const std::vector<std::string>&) {
            outbound_message m;
            m.headline = {rt::bold("oncallbot commands")};
            for (const auto& [name, spec] : oncall_commands().all()) {
              m.body.push_back({rt::code("/oncall " + spec.usage), rt::text(" — " + spec.help)});
            }
            return command_reply{m, false};
          }};
}

}  // namespace oncall
