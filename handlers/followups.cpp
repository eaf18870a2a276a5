// /oncall followups [ID] — the incident's follow-up action items with owners and their state:
// with a tracker, the state of each one's ticket as Jira last said (open / in progress / done,
// read back every tracker.sync_every and refreshed right after this command), and how fresh
// that is; without one, open or done as closed in chat.
#include <algorithm>

#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"
#include "handlers/note_arguments.hpp"

namespace oncall {

namespace {

// Enough for any real incident; more would not fit one chat message.
constexpr std::size_t max_listed = 30;

// Done in chat or in the tracker; else the tracker's state when known.
std::string state_of(const followup& f, const std::optional<ticket>& t) {
  if (f.done()) return "done";
  if (t && t->state() != ticket_state::unknown) return to_string(t->state());
  return "open";
}

bool is_done(const followup& f, const std::optional<ticket>& t) {
  return f.done() || (t && t->state() == ticket_state::done);
}

rich_text followup_line(command_context& ctx, const followup& f, const std::optional<ticket>& t) {
  rich_text line = {rt::bold(f.display_id()), rt::text(" [" + state_of(f, t) + "] ")};
  if (t) {
    line.push_back(rt::link(t->key, t->url));
    line.push_back(rt::text(t->status.empty() ? " " : " (" + t->status + ") "));
  }
  line.push_back(rt::text(shorten(f.text, 200) + " — "));
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
  auto& st = ctx.engine.storage();
  std::vector<std::optional<ticket>> tickets;
  for (const auto& f : all) tickets.push_back(st.find_ticket(inc.id, f.id));
  std::size_t open = 0;
  std::optional<time_point> oldest_check;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!is_done(all[i], tickets[i])) ++open;
    if (tickets[i] && tickets[i]->checked_at && (!oldest_check || *tickets[i]->checked_at < *oldest_check)) {
      oldest_check = tickets[i]->checked_at;
    }
  }
  m.headline = {rt::bold("Follow-ups of " + inc.display_id() + ": " + std::to_string(open) +
                         " open, " + std::to_string(all.size() - open) + " done")};
  for (std::size_t i = 0; i < all.size() && i < max_listed; ++i)
    m.body.push_back(followup_line(ctx, all[i], tickets[i]));
  if (all.size() > max_listed) {
    m.context.push_back(
        {rt::text(std::to_string(all.size() - max_listed) + " more are not shown.")});
  }
  if (oldest_check) {
    // The answer comes from storage, so it is fast; this says how old Jira's word is.
    auto age = std::max(duration{0}, ctx.engine.now() - *oldest_check);
    m.context.push_back({rt::text("Ticket states as Jira said " + format_duration(age / 1000 * 1000) +
                                  " ago; refreshing now.")});
    ctx.engine.refresh_tickets(inc.id);
  }
  if (open > 0)
    m.context.push_back(
        {rt::text("Close one with "), rt::code("/oncall followup done N"), rt::text(".")});
  return {m, false};
}

}  // namespace

command_spec followups_command() {
  return {"followups", "followups [ID]", "lists follow-ups and their state (open / in progress / done)", false,
          run_followups};
}

}  // namespace oncall
