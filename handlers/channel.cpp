// /oncall channel [ID] — gives an incident its dedicated channel inc-<id>-<slug> (with
// incident_rooms: thread): created, with the paged people and the lead invited; from then on
// the channel is the incident room. The reply comes at once; the channel follows.
#include "bot/core/room_name.hpp"
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"
#include "handlers/note_arguments.hpp"

namespace oncall {

namespace {

command_reply run_channel(command_context& ctx, const std::vector<std::string>& args) {
  if (args.size() > 1) throw command_error("channel takes at most an incident id");
  if (ctx.engine.cfg().chat.incident_rooms == incident_room_mode::channel) {
    throw command_error("every incident gets its own channel already (chat.incident_rooms: channel)");
  }
  auto inc = resolve_incident(ctx, optional_incident_id(args, 0));
  auto queued = ctx.engine.request_room(inc.id, ctx.caller);
  if (!queued) throw command_error(queued.err().message);
  return reply_text({rt::text("Creating "), rt::bold("#" + incident_room_name(inc.id, inc.title)),
                     rt::text(" for " + inc.display_id() + "; the people paged and the lead are invited, "
                              "and from then on the channel is the incident room.")});
}

}  // namespace

command_spec channel_command() {
  return {"channel", "channel [ID]", "gives the incident a dedicated channel inc-<id>-<slug>", true,
          run_channel};
}

}  // namespace oncall
