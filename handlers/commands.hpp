// The /oncall subcommands, one file each.
#pragma once

#include "handlers/command.hpp"

namespace oncall {

command_spec help_command();
command_spec page_command();
command_spec ack_command();
command_spec escalate_command();
command_spec resolve_command();
command_spec incidents_command();
command_spec who_command();
command_spec override_command();
command_spec handover_command();
command_spec why_command();

}  // namespace oncall
