// /oncall runbooks — the runbooks the caller may run, with their parameters and defaults.
#include "bot/engine/runbook_requests.hpp"
#include "bot/runbook/roles.hpp"
#include "handlers/commands.hpp"

namespace oncall {

namespace {

command_reply run_runbooks(command_context& ctx, const std::vector<std::string>& args) {
  if (!args.empty()) throw command_error("runbooks takes no arguments");
  if (!ctx.caller.known()) {
    return reply_text({rt::text("You are not in oncallbot's people list, so you may run no "
                                "runbooks. Ask an admin to add you under people: with your chat id " +
                                ctx.caller.chat_user + ".")});
  }
  const auto roles = runbook_requests(ctx.engine).roles_of(ctx.caller);
  auto mine = runnable_runbooks(ctx.engine.cfg().runbooks, roles);
  if (mine.empty()) {
    return reply_text({rt::text("There are no runbooks you may run" +
                                std::string(ctx.engine.cfg().runbooks.empty()
                                                ? " (none are configured)."
                                                : "; an admin can give you a role under people[].roles."))});
  }
  outbound_message m;
  m.headline = {rt::text("Runbooks you may run")};
  for (const runbook* rb : mine) {
    rich_text line = {rt::bold(rb->name)};
    if (!rb->description.empty()) line.push_back(rt::text(" — " + rb->description));
    if (rb->confirm) line.push_back(rt::text(" (asks for confirmation)"));
    std::string usage = "/oncall run " + rb->name;
    for (const auto& p : rb->params) {
      usage += " " + p.name + "=" + (p.default_value ? *p.default_value : "…");
    }
    line.push_back(rt::text(": "));
    line.push_back(rt::code(usage));
    m.body.push_back(std::move(line));
  }
  m.context = {{rt::text("A value shown is the default; … means the parameter must be given.")}};
  return {m, false};
}

}  // namespace

command_spec runbooks_command() {
  return {"runbooks", "runbooks", "lists the runbooks you may run", false, run_runbooks};
}

}  // namespace oncall
