// /oncall handover [note] — posts the handover now, or leaves a note for the next one.
#include "bot/core/schedule.hpp"
#include "bot/engine/handover_engine.hpp"
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"

namespace oncall {

namespace {

// The schedules the caller is on call for now; when none, those they are a member of.
std::vector<const schedule*> callers_schedules(command_context& ctx) {
  const auto& cfg = ctx.engine.cfg();
  std::vector<const schedule*> on_call;
  std::vector<const schedule*> member;
  for (const auto& s : cfg.schedules) {
    if (on_call_at(ctx.engine.effective_schedule(s), ctx.engine.now()) == ctx.caller.person) on_call.push_back(&s);
    if (std::find(s.members.begin(), s.members.end(), ctx.caller.person) != s.members.end()) member.push_back(&s);
  }
  return on_call.empty() ? member : on_call;
}

std::string names(const std::vector<const schedule*>& list) {
  std::string out;
  for (const auto* s : list) out += (out.empty() ? "" : ", ") + s->name;
  return out;
}

command_reply run_handover(command_context& ctx, const std::vector<std::string>& args) {
  auto schedules = callers_schedules(ctx);
  if (schedules.empty()) {
    throw command_error("you are not on call for, nor a member of, any schedule; /oncall who lists them");
  }
  handover_engine handovers(ctx.engine);
  if (!args.empty()) {
    auto note = join_words(args);
    for (const auto* s : schedules) handovers.leave_note(*s, ctx.caller, note);
    return reply_text({rt::text("Noted for the next handover of " + names(schedules) + ".")});
  }
  for (const auto* s : schedules) {
    auto posted = handovers.post_now(*s, ctx.caller);
    if (!posted) throw command_error(posted.err().message);
  }
  return reply_text({rt::text("Posted the handover of " + names(schedules) + ".")});
}

}  // namespace

command_spec handover_command() {
  return {"handover", "handover [note]", "posts the handover now / leaves a note for the next one",
          true, run_handover};
}

}  // namespace oncall
