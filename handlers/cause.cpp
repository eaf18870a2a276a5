// /oncall cause [#ID] <deploy|scale|third-party|unknown> [text] — records the root-cause
// category, and what is known about it, for the postmortem.
#include "bot/core/root_cause.hpp"
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"
#include "handlers/note_arguments.hpp"

namespace oncall {

namespace {

command_reply run_cause(command_context& ctx, const std::vector<std::string>& args) {
  auto words = args;
  auto id = take_leading_hash_id(words);
  if (words.empty())
    throw command_error("cause needs a category: deploy, scale, third-party or unknown");
  auto cause = root_cause_from_string(words[0]);
  if (!cause) {
    throw command_error(
        "'" + words[0] +
        "' is not a root-cause category; use deploy, scale, third-party or unknown");
  }
  auto target = resolve_incident(ctx, id);
  auto inc = ctx.engine.set_cause(target.id, ctx.caller, *cause, join_words(words, 1));
  if (!inc) throw command_error(inc.err().message);
  return reply_text({rt::text("Root cause of "), rt::bold(inc->display_id()), rt::text(": "),
                     rt::bold(to_string(*cause)),
                     rt::text(" (" + root_cause_meaning(*cause) + ").")});
}

}  // namespace

command_spec cause_command() {
  return {"cause", "cause [#ID] <deploy|scale|third-party|unknown> [text]",
          "records the root-cause category (and what you know of it)", true, run_cause};
}

}  // namespace oncall
