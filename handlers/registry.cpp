// Registry and dispatch. Adding a subcommand: one new file with a `*_command()` function, plus
// one line in oncall_commands().
#include "handlers/registry.hpp"

#include <stdexcept>

#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"

namespace oncall {

command_reply reply_text(rich_text text, bool in_channel) {
  return {simple_message(std::move(text)), in_channel};
}

void command_registry::add(command_spec spec) {
  auto name = spec.name;
  if (!commands_.emplace(name, std::move(spec)).second) {
    throw std::logic_error("duplicate /oncall subcommand " + name);
  }
}

const command_spec* command_registry::find(const std::string& name) const {
  auto it = commands_.find(name);
  return it == commands_.end() ? nullptr : &it->second;
}

command_reply command_registry::dispatch(command_context& ctx, const std::string& text) const {
  std::vector<std::string> words;
  try {
    words = split_arguments(text);
  } catch (const command_error& e) {
    return reply_text({rt::text(std::string("Sorry: ") + e.what() + ".")});
  }
  if (words.empty()) words.push_back("help");
  const command_spec* spec = find(words.front());
  if (!spec) {
    return reply_text({rt::text("Unknown command "), rt::code(words.front()),
                       rt::text(". Try "), rt::code("/oncall help"),
                       rt::text(" for the list of commands.")});
  }
  if (spec->changes_state && !ctx.caller.known()) {
    return reply_text({rt::text("You are not in oncallbot's people list, so you cannot "),
                       rt::code(spec->name),
                       rt::text(". Ask an admin to add you under people: with your chat id " +
                                ctx.caller.chat_user + ".")});
  }
  words.erase(words.begin());
  try {
    return spec->run(ctx, words);
  } catch (const command_error& e) {
    return reply_text({rt::text(std::string("Sorry: ") + e.what() + ". Usage: "),
                       rt::code("/oncall " + spec->usage)});
  }
}

const command_registry& oncall_commands() {
  static const command_registry registry = [] {
    command_registry r;
    r.add(help_command());
    r.add(page_command());
    r.add(ack_command());
    r.add(escalate_command());
    r.add(resolve_command());
    r.add(incidents_command());
    r.add(who_command());
    r.add(override_command());
    r.add(handover_command());
    r.add(why_command());
    r.add(sev_command());
    r.add(lead_command());
    r.add(status_command());
    r.add(note_command());
    r.add(cause_command());
    r.add(followup_command());
    r.add(followups_command());
    r.add(ticket_command());
    r.add(timeline_command());
    r.add(postmortem_command());
    r.add(channel_command());
    r.add(runbooks_command());
    r.add(run_command());
    return r;
  }();
  return registry;
}

}  // namespace oncall
