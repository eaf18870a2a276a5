// /oncall sev <1-4> [ID] — sets the severity by hand (1 = worst); alerts no longer change it.
#include "bot/core/severity.hpp"
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"
#include "handlers/note_arguments.hpp"

namespace oncall {

namespace {

command_reply run_sev(command_context& ctx, const std::vector<std::string>& args) {
  if (args.empty()) throw command_error("sev needs a severity from 1 (worst) to 4");
  if (args.size() > 2) throw command_error("sev takes a severity and at most an incident id");
  auto severity = parse_severity(args[0]);
  if (!severity) throw command_error("severity must be 1 to 4 (1 = worst), not '" + args[0] + "'");
  auto target = resolve_incident(ctx, optional_incident_id(args, 1));
  auto inc = ctx.engine.set_severity(target.id, ctx.caller, *severity);
  if (!inc) throw command_error(inc.err().message);
  return reply_text({rt::bold(inc->display_id()), rt::text(" is now "),
                     rt::bold(severity_label(inc->severity)),
                     rt::text("; alerts no longer change it.")});
}

}  // namespace

command_spec sev_command() {
  return {"sev", "sev <1-4> [ID]", "sets the severity by hand (1 = worst)", true, run_sev};
}

}  // namespace oncall
