// /oncall timeline [ID] — the incident's timeline so far, newest entries when it is long.
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"
#include "handlers/note_arguments.hpp"

namespace oncall {

namespace {

// One reply must fit one chat message after escaping (Slack: 50 blocks, 3,000 characters a
// block; Mattermost: 16,383 characters a post), so long timelines show their newest entries.
constexpr std::size_t max_entries = 30;
constexpr std::size_t max_characters = 4000;
constexpr std::size_t max_entry_characters = 200;

rich_text entry_line(const timeline_entry& e) {
  rich_text line = {rt::text(format_iso8601(e.at) + " ")};
  if (e.key_event) line.push_back(rt::text("📌 "));
  line.push_back(rt::bold(e.kind));
  line.push_back(rt::text(" " + e.author + ": " + shorten(e.text, max_entry_characters)));
  return line;
}

command_reply run_timeline(command_context& ctx, const std::vector<std::string>& args) {
  if (args.size() > 1) throw command_error("timeline takes at most an incident id");
  auto inc = resolve_incident(ctx, optional_incident_id(args, 0));
  auto entries = ctx.engine.timeline(inc.id);
  // Newest first until the reply is full, then back in time order.
  std::vector<rich_text> lines;
  std::size_t characters = 0;
  for (auto it = entries.rbegin(); it != entries.rend() && lines.size() < max_entries; ++it) {
    auto line = entry_line(*it);
    characters += plain_text(line).size();
    if (!lines.empty() && characters > max_characters) break;
    lines.push_back(std::move(line));
  }
  outbound_message m;
  m.headline = {rt::bold("Timeline of " + inc.display_id()),
                rt::text(" " + shorten(inc.title, 200))};
  m.body.assign(lines.rbegin(), lines.rend());
  if (entries.empty()) m.body.push_back({rt::text("Nothing recorded yet.")});
  if (lines.size() < entries.size()) {
    m.context.push_back({rt::text("Showing the newest " + std::to_string(lines.size()) + " of " +
                                  std::to_string(entries.size()) + " entries; " +
                                  std::to_string(entries.size() - lines.size()) +
                                  " earlier ones are left out to keep this reply short.")});
  }
  return {m, false};
}

}  // namespace

command_spec timeline_command() {
  return {"timeline", "timeline [ID]", "shows the timeline so far (📌 marks key events)", false,
          run_timeline};
}

}  // namespace oncall
