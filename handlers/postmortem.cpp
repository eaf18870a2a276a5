// /oncall postmortem [ID] — renders the incident's postmortem draft (Markdown) and uploads it
// into the incident room. The reply comes at once; the upload follows through the outbox, which
// retries it and says so in the room if it cannot be done. With postmortems.git the draft is
// also committed to the repository at postmortems.dir (a few milliseconds of git, so it runs
// here; a failure is said in the reply and changes nothing else).
#include "bot/report/postmortem.hpp"
#include "bot/report/postmortem_git.hpp"
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"
#include "handlers/note_arguments.hpp"

namespace oncall {

namespace {

command_reply run_postmortem(command_context& ctx, const std::vector<std::string>& args) {
  if (args.size() > 1) throw command_error("postmortem takes at most an incident id");
  auto inc = resolve_incident(ctx, optional_incident_id(args, 0));
  auto draft = render_postmortem(ctx.engine.storage(), ctx.engine.cfg(), inc.id,
                                 postmortem_format::markdown, ctx.engine.now());
  if (!draft) throw command_error(draft.err().message);
  room_file file;
  file.filename = postmortem_file_name(inc, postmortem_format::markdown);
  file.title = "Postmortem draft " + inc.display_id();
  file.content = std::move(*draft);
  file.comment = "Postmortem draft for " + inc.display_id() + ", requested by " + ctx.caller.name() +
                 ". Edit it, then share it with the team.";
  auto queued = ctx.engine.upload_to_room(inc.id, ctx.caller, file);
  if (!queued) throw command_error(queued.err().message);
  std::vector<span> reply{rt::text("Uploading the postmortem draft "), rt::code(file.filename),
                              rt::text(" to the room of "), rt::bold(inc.display_id()), rt::text(".")};
  if (ctx.engine.cfg().postmortems.git) {
    auto committed = commit_postmortem(ctx.engine.cfg(), inc, postmortem_format::markdown, file.content);
    reply.push_back(rt::text(committed ? " Git: " + *committed + "."
                                       : " The draft was not committed to git: " + committed.err().message));
  }
  return reply_text(std::move(reply));
}

}  // namespace

command_spec postmortem_command() {
  return {"postmortem", "postmortem [ID]", "uploads the postmortem draft (Markdown) to the incident room",
          true, run_postmortem};
}

}  // namespace oncall
