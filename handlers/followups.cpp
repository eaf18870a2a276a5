// /oncall followups [ID] — the incident's follow-up action items, open or done, with owners.
#include <algorithm>

#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"
#include "handlers/note_arguments.hpp"

namespace oncall {

namespace {

// Enough for any real incident; more would not fit one chat message.
constexpr std::size_t max_listed = 30;

rich_text followup_line(command_context& ctx, const followup& f) {
  rich_text line = {
      rt::bold(f.display_id()),
      rt::text(std::string(f.done() ? " [done] " : " [open] ") + shorten(f.text, 200) + " — ")};
  if (f.owner.empty()) {
    line.push_back(rt::text("no owner"));
  } else {
    line.push_back(rt::text("owner "));
    line.push_back(person_span(ctx.engine, f.owner));
  }
  if (f.done())
    line.push_back(rt::text(", closed by " + f.done_by + " at " + format_iso8601(*f.done_at)));
  return line;
}

command_reply run_followups(command_context& ctx, const std::vector<std::string>& args) {
  if (args.size() > 1) throw command_error("followups takes at most an incident id");
  auto inc = resolve_incident(ctx, optional_incident_id(args, 0));
  auto all = ctx.engine.followups(inc.id);
  outbound_message m;
  if (all.empty()) {
    m.headline = {rt::text("No follow-ups for " + inc.display_id() + " yet.")};
    m.body.push_back(
        {rt::text("Add one with "), rt::code("/oncall followup <text> [@owner]"), rt::text(".")});
    return {m, false};
  }
  auto open = static_cast<std::size_t>(
      std::count_if(all.begin(), all.end(), [](const followup& f) { return !f.done(); }));
  m.headline = {rt::bold("Follow-ups of " + inc.display_id() + ": " + std::to_string(open) +
                         " open, " + std::to_string(all.size() - open) + " done")};
  for (std::size_t i = 0; i < all.size() && i < max_listed; ++i)
    m.body.push_back(followup_line(ctx, all[i]));
  if (all.size() > max_listed) {
    m.context.push_back(
        {rt::text(std::to_string(all.size() - max_listed) + " more are not shown.")});
  }
  if (open > 0)
    m.context.push_back(
        {rt::text("Close one with "), rt::code("/oncall followup done N"), rt::text(".")});
  return {m, false};
}

}  // namespace

command_spec followups_command() {
  return {"followups", "followups [ID]", "lists follow-ups and their state (open / done)", false,
          run_followups};
}

}  // namespace oncall
