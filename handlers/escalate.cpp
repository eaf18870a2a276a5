// /oncall escalate [ID] [reason] — escalates to the next level now.
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"

namespace oncall {

namespace {

command_reply run_escalate(command_context& ctx, const std::vector<std::string>& args) {
  std::optional<std::int64_t> id;
  std::size_t reason_from = 0;
  if (!args.empty() && parse_incident_id(args.front())) {
    id = parse_incident_id(args.front());
    reason_from = 1;
  }
  auto target = resolve_incident(ctx, id);
  auto inc = ctx.engine.escalate(target.id, ctx.caller, join_words(args, reason_from));
  if (!inc) throw command_error(inc.err().message);
  return reply_text({rt::text("Escalated "), rt::bold(inc->display_id()),
                     rt::text(" to level " + std::to_string(inc->level + 1) + ".")});
}

}  // namespace

command_spec escalate_command() {
  return {"escalate", "escalate [ID] [reason]", "escalates to the next level now", true,
          run_escalate};
}

}  // namespace oncall
