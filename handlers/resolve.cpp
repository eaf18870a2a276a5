// /oncall resolve [ID] [note] — resolves.
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"

namespace oncall {

namespace {

command_reply run_resolve(command_context& ctx, const std::vector<std::string>& args) {
  std::optional<std::int64_t> id;
  std::size_t note_from = 0;
  if (!args.empty() && parse_incident_id(args.front())) {
    id = parse_incident_id(args.front());
    note_from = 1;
  }
  auto target = resolve_incident(ctx, id);
  auto inc = ctx.engine.resolve(target.id, ctx.caller, join_words(args, note_from));
  if (!inc) throw command_error(inc.err().message);
  return reply_text({rt::text("You resolved "), rt::bold(inc->display_id()), rt::text(".")});
}

}  // namespace

command_spec resolve_command() {
  return {"resolve", "resolve [ID] [note]", "resolves", true, run_resolve};
}

}  // namespace oncall
