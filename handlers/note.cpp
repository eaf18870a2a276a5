// /oncall note [#ID] <text> — adds a note to the incident's timeline.
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"
#include "handlers/note_arguments.hpp"

namespace oncall {

namespace {

command_reply run_note(command_context& ctx, const std::vector<std::string>& args) {
  auto words = args;
  auto id = take_leading_hash_id(words);
  auto text = join_words(words);
  if (text.empty()) throw command_error("note needs the text to note");
  auto target = resolve_incident(ctx, id);
  auto inc = ctx.engine.add_note(target.id, ctx.caller, text);
  if (!inc) throw command_error(inc.err().message);
  return reply_text(
      {rt::text("Noted on the timeline of "), rt::bold(inc->display_id()), rt::text(".")});
}

}  // namespace

command_spec note_command() {
  return {"note", "note [#ID] <text>", "adds a note to the timeline", true, run_note};
}

}  // namespace oncall
