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
// The incident record: handlers/{sev,lead,status,note,cause,followup,followups,timeline}.cpp.
command_spec sev_command();
command_spec lead_command();
command_spec status_command();
command_spec note_command();
command_spec cause_command();
command_spec followup_command();
command_spec followups_command();
command_spec ticket_command();
command_spec timeline_command();
// Postmortem draft into the room: handlers/postmortem.cpp.
command_spec postmortem_command();
// Dedicated incident channels: handlers/channel.cpp.
command_spec channel_command();
// Runbooks: handlers/{runbooks,run}.cpp.
command_spec runbooks_command();
command_spec run_command();

}  // namespace oncall
