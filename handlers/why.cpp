// /oncall why [ID] — replays the escalation: who was notified at which level and when, and why
// the other members of the schedules involved were not.
#include <algorithm>
#include <set>

#include "bot/core/schedule.hpp"
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"

namespace oncall {

namespace {

std::string clock_time(time_point t) { return format_iso8601(t); }

rich_text person_span(command_context& ctx, const std::string& name) {
  auto handle = ctx.engine.chat_handle(name);
  return {handle.empty() ? rt::bold(name) : rt::mention(handle)};
}

// One line per notification: when, which level, who (or which notifier), and why.
void replay(command_context& ctx, const std::vector<notification>& sent, outbound_message& m) {
  for (const auto& n : sent) {
    rich_text line = {rt::text(clock_time(n.at) + " level " + std::to_string(n.level + 1) +
                               (n.cycle > 0 ? " (repeat " + std::to_string(n.cycle) + ")" : "") + ": ")};
    if (n.person.empty()) {
      line.push_back(rt::text(n.reason));
    } else {
      for (auto& s : person_span(ctx, n.person)) line.push_back(s);
      line.push_back(rt::text(" — " + n.reason));
    }
    m.body.push_back(line);
  }
}

// Members of the schedules that were paged who were never reached, and who was on call instead.
void not_reached(command_context& ctx, const std::vector<notification>& sent, outbound_message& m) {
  std::set<std::string> reached;
  for (const auto& n : sent) reached.insert(n.person);
  std::set<std::string> explained;
  for (const auto& n : sent) {
    if (n.target.rfind("schedule:", 0) != 0) continue;
    const schedule* s = ctx.engine.cfg().find_schedule(n.target.substr(9));
    if (!s) continue;
    for (const auto& member : s->members) {
      if (reached.count(member) || !explained.insert(member).second) continue;
      m.body.push_back({rt::text(member + " was not notified: a member of " + s->name + ", but " +
                                 n.person + " was on call for it at " + clock_time(n.at) + ".")});
    }
  }
}

void outcome(const incident& inc, outbound_message& m) {
  if (inc.acked_at && !inc.ack_until) {
    m.body.push_back({rt::text("Escalation stopped: acknowledged by " + inc.acked_by + " at " + clock_time(*inc.acked_at) + ".")});
  } else if (inc.resolved_at) {
    m.body.push_back({rt::text("Escalation stopped: resolved by " + inc.resolved_by + " at " + clock_time(*inc.resolved_at) + ".")});
  } else if (inc.next_escalation_at) {
    m.body.push_back({rt::text("Next escalation due at " + clock_time(*inc.next_escalation_at) + " unless someone acknowledges.")});
  } else if (inc.open()) {
    m.body.push_back({rt::text("No further level: the policy's levels and repeats are used up.")});
  }
}

command_reply run_why(command_context& ctx, const std::vector<std::string>& args) {
  std::optional<std::int64_t> id;
  if (args.size() > 1) throw command_error("why takes at most an incident id");
  if (args.size() == 1) {
    id = parse_incident_id(args[0]);
    if (!id) throw command_error("'" + args[0] + "' is not an incident id; write it like 42 or #42");
  }
  auto inc = resolve_incident(ctx, id);
  auto sent = ctx.engine.storage().notifications(inc.id);
  outbound_message m;
  m.headline = {rt::text("Escalation of " + inc.display_id() + " (policy " +
                         (inc.policy.empty() ? std::string("none: no route matched") : inc.policy) + ")")};
  if (sent.empty()) m.body.push_back({rt::text("Nobody was notified: no escalation policy level reached anyone.")});
  replay(ctx, sent, m);
  not_reached(ctx, sent, m);
  outcome(inc, m);
  return {m, false};
}

}  // namespace

command_spec why_command() {
  return {"why", "why [ID]", "replays the escalation: who was notified, when, and why not someone else",
          false, run_why};
}

}  // namespace oncall
