// /oncall followup [#ID] <text> [@owner] — adds a follow-up action item; the last word, when it
// is a mention, names its owner. /oncall followup done <N> closes follow-up N (F7 → 7).
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"
#include "handlers/note_arguments.hpp"

namespace oncall {

namespace {

// "7" or "F7" → 7.
std::optional<std::int64_t> parse_followup_number(std::string word) {
  if (!word.empty() && (word.front() == 'F' || word.front() == 'f')) word.erase(0, 1);
  if (word.empty() || word.front() == '#') return std::nullopt;
  return parse_incident_id(word);
}

command_reply close(command_context& ctx, const std::vector<std::string>& args) {
  if (args.size() != 2)
    throw command_error(
        "to close a follow-up write followup done N, with N from /oncall followups");
  auto number = parse_followup_number(args[1]);
  if (!number)
    throw command_error("'" + args[1] + "' is not a follow-up number; write it like 3 or F3");
  auto f = ctx.engine.close_followup(*number, ctx.caller);
  if (!f) throw command_error(f.err().message);
  return reply_text(
      {rt::text("Closed "), rt::bold(f->display_id()), rt::text(": " + shorten(f->text, 200))});
}

command_reply run_followup(command_context& ctx, const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "done") return close(ctx, args);
  auto words = args;
  auto id = take_leading_hash_id(words);
  std::string owner;
  if (!words.empty() && looks_like_mention(words.back())) {
    owner = mentioned_person(ctx.engine.cfg(), words.back()).name;
    words.pop_back();
  }
  auto text = join_words(words);
  if (text.empty())
    throw command_error(
        "followup needs the action item itself, like \"add an alert on queue depth\"");
  auto target = resolve_incident(ctx, id);
  auto f = ctx.engine.add_followup(target.id, ctx.caller, text, owner);
  if (!f) throw command_error(f.err().message);
  rich_text reply = {rt::text("Added follow-up "), rt::bold(f->display_id()), rt::text(" to "),
                     rt::bold(target.display_id())};
  if (!owner.empty()) {
    reply.push_back(rt::text(", owned by "));
    reply.push_back(person_span(ctx.engine, owner));
  }
  reply.push_back(rt::text(". Close it with "));
  reply.push_back(rt::code("/oncall followup done " + std::to_string(f->id)));
  reply.push_back(rt::text("."));
  return reply_text(reply);
}

}  // namespace

command_spec followup_command() {
  return {"followup", "followup [#ID] <text> [@owner] | followup done <N>",
          "adds a follow-up action item (the last word may name its owner); done N closes one",
          true, run_followup};
}

}  // namespace oncall
