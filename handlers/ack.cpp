// /oncall ack [ID] [for DURATION] — acknowledges; with `for 30m` the ack is a lease.
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"

namespace oncall {

namespace {

command_reply run_ack(command_context& ctx, const std::vector<std::string>& args) {
  std::optional<std::int64_t> id;
  std::optional<duration> lease;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "for") {
      if (i + 1 >= args.size()) throw command_error("'for' needs a duration, like 30m");
      lease = parse_duration(args[++i]);
      if (!lease || lease->count() <= 0) {
        throw command_error("'" + args[i] + "' is not a duration; write it like 30m or 2h");
      }
    } else if (!id && parse_incident_id(args[i])) {
      id = parse_incident_id(args[i]);
    } else {
      throw command_error("'" + args[i] + "' is neither an incident id nor 'for DURATION'");
    }
  }
  auto target = resolve_incident(ctx, id);
  auto inc = ctx.engine.ack(target.id, ctx.caller, lease);
  if (!inc) throw command_error(inc.err().message);
  rich_text text = {rt::text("You acknowledged "), rt::bold(inc->display_id())};
  if (lease) text.push_back(rt::text(" for " + format_duration(*lease) + "; it pages again then if still open"));
  text.push_back(rt::text("."));
  return reply_text(text);
}

}  // namespace

command_spec ack_command() {
  return {"ack", "ack [ID] [for DURATION]", "acknowledges; stops escalation (a lease with 'for 30m')",
          true, run_ack};
}

}  // namespace oncall
