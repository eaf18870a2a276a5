// /oncall status [#ID] <text> — a status update: posted in the incident room, a key event of
// the timeline.
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"
#include "handlers/note_arguments.hpp"

namespace oncall {

namespace {

command_reply run_status(command_context& ctx, const std::vector<std::string>& args) {
  auto words = args;
  auto id = take_leading_hash_id(words);
  auto text = join_words(words);
  if (text.empty()) throw command_error("status needs the update itself: what is happening now");
  auto target = resolve_incident(ctx, id);
  auto inc = ctx.engine.post_status(target.id, ctx.caller, text);
  if (!inc) throw command_error(inc.err().message);
  return reply_text({rt::text("Posted your status update in the room of "),
                     rt::bold(inc->display_id()), rt::text(".")});
}

}  // namespace

command_spec status_command() {
  return {"status", "status [#ID] <text>",
          "posts a status update in the incident room (a key event)", true, run_status};
}

}  // namespace oncall
