// /oncall who — who is on call now, per schedule.
#include "bot/core/schedule.hpp"
#include "handlers/commands.hpp"

namespace oncall {

namespace {

command_reply run_who(command_context& ctx, const std::vector<std::string>& args) {
  if (!args.empty()) throw command_error("who takes no arguments");
  const auto& cfg = ctx.engine.cfg();
  outbound_message m;
  if (cfg.schedules.empty()) {
    m.headline = {rt::text("No schedules are configured.")};
    return {m, false};
  }
  m.headline = {rt::bold("On call now")};
  for (const auto& s : cfg.schedules) {
    auto person = on_call_at(ctx.engine.effective_schedule(s), ctx.engine.now());
    auto handle = ctx.engine.chat_handle(person);
    rich_text line = {rt::bold(s.name), rt::text(": ")};
    line.push_back(handle.empty() ? rt::text(person) : rt::mention(handle));
    m.body.push_back(line);
  }
  return {m, false};
}

}  // namespace

command_spec who_command() {
  return {"who", "who", "who is on call now, per schedule", false, run_who};
}

}  // namespace oncall
