// /oncall ticket [ID] — files the incident's tracker ticket, or updates it when it exists, and
// files the follow-up tickets that are missing. The work is queued (the tracker service does it
// and the room hears how it went), so the command answers at once.
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"
#include "handlers/note_arguments.hpp"

namespace oncall {

namespace {

command_reply run_ticket(command_context& ctx, const std::vector<std::string>& args) {
  if (args.size() > 1) throw command_error("ticket takes at most an incident id, like ticket 42");
  auto inc = resolve_incident(ctx, optional_incident_id(args, 0));
  auto queued = ctx.engine.request_ticket(inc.id, ctx.caller);
  if (!queued) throw command_error(queued.err().message);
  return reply_text({rt::text(*queued)});
}

}  // namespace

command_spec ticket_command() {
  return {"ticket", "ticket [ID]", "files or updates the incident's tracker ticket (Jira)", true, run_ticket};
}

}  // namespace oncall
