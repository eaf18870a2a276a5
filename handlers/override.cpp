// /oncall override @user <from> <to> [schedule] — someone takes over (part of) a shift.
#include <algorithm>

#include "bot/core/schedule.hpp"
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"

namespace oncall {

namespace {

// The schedule named, or the only one there is, or the only one the person is a member of.
const schedule& pick_schedule(const config& cfg, const person& who, const std::string& name) {
  if (!name.empty()) {
    if (const schedule* s = cfg.find_schedule(name)) return *s;
    throw command_error("there is no schedule '" + name + "'; /oncall who lists them");
  }
  if (cfg.schedules.empty()) throw command_error("no schedules are configured");
  if (cfg.schedules.size() == 1) return cfg.schedules.front();
  std::vector<const schedule*> member_of;
  for (const auto& s : cfg.schedules) {
    if (std::find(s.members.begin(), s.members.end(), who.name) != s.members.end()) member_of.push_back(&s);
  }
  if (member_of.size() == 1) return *member_of.front();
  std::string names;
  for (const auto& s : cfg.schedules) names += (names.empty() ? "" : ", ") + s.name;
  throw command_error("which schedule? Name one of " + names + " at the end");
}

// The end of an override: an instant, or a duration after its start ("8h").
time_point parse_end(const std::string& word, time_point from, time_point now) {
  if (auto length = parse_duration(word); length && length->count() > 0) return from + *length;
  if (auto t = parse_instant(word, now)) return *t;
  throw command_error("'" + word + "' is neither a time like 2026-11-25T08:00:00Z nor a duration like 8h");
}

void refuse_overlap(const std::vector<schedule_override>& existing, time_point from, time_point to) {
  for (const auto& o : existing) {
    if (o.from < to && from < o.to) {
      throw command_error("that overlaps the override of " + o.person + " from " +
                          format_iso8601(o.from) + " to " + format_iso8601(o.to) +
                          "; pick times outside it");
    }
  }
}

command_reply run_override(command_context& ctx, const std::vector<std::string>& args) {
  if (args.size() < 3 || args.size() > 4) throw command_error("override needs a person, a start and an end");
  const auto& cfg = ctx.engine.cfg();
  const person* who = parse_person(cfg, args[0]);
  if (!who) {
    throw command_error("'" + args[0] + "' is not in oncallbot's people list; mention someone who is, like @alice");
  }
  const auto now = ctx.engine.now();
  auto from = parse_instant(args[1], now);
  if (!from) throw command_error("'" + args[1] + "' is not a time; write now or 2026-11-24T18:00:00Z");
  auto to = parse_end(args[2], *from, now);
  if (to <= *from) throw command_error("the end " + format_iso8601(to) + " is not after the start " + format_iso8601(*from));
  if (to <= now) throw command_error("that override is over already (it ends " + format_iso8601(to) + ")");
  const schedule& s = pick_schedule(cfg, *who, args.size() == 4 ? args[3] : "");
  refuse_overlap(ctx.engine.effective_schedule(s).overrides, *from, to);
  ctx.engine.commit([&] {
    ctx.engine.storage().insert_override({0, s.name, who->name, *from, to, ctx.caller.name(), now});
  });
  auto handle = ctx.engine.chat_handle(who->name);
  rich_text text = {handle.empty() ? rt::bold(who->name) : rt::mention(handle),
                    rt::text(" is on call for " + s.name + " from " + format_iso8601(*from) + " to " +
                             format_iso8601(to) + " (override set by " + ctx.caller.name() + ").")};
  return reply_text(text, true);
}

}  // namespace

command_spec override_command() {
  return {"override", "override @user <from> <to> [schedule]",
          "takes over a shift (times like now or 2026-11-24T18:00:00Z; the end may be a duration like 8h)",
          true, run_override};
}

}  // namespace oncall
