// /oncall lead @user [ID] — makes someone the incident lead; the room is told.
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"
#include "handlers/note_arguments.hpp"

namespace oncall {

namespace {

command_reply run_lead(command_context& ctx, const std::vector<std::string>& args) {
  if (args.empty()) throw command_error("lead needs a person, like @alice");
  if (args.size() > 2) throw command_error("lead takes a person and at most an incident id");
  const person& lead = mentioned_person(ctx.engine.cfg(), args[0]);
  auto target = resolve_incident(ctx, optional_incident_id(args, 1));
  auto inc = ctx.engine.set_lead(target.id, ctx.caller, lead.name);
  if (!inc) throw command_error(inc.err().message);
  return reply_text({person_span(ctx.engine, lead.name), rt::text(" is now the lead of "),
                     rt::bold(inc->display_id()), rt::text(".")});
}

}  // namespace

command_spec lead_command() {
  return {"lead", "lead @user [ID]", "sets the incident lead", true, run_lead};
}

}  // namespace oncall
