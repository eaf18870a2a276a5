// /oncall run NAME [#ID] [key=value …] [--yes] — asks to run a runbook. The checks, the audit
// record and the confirmation live in runbook_requests; the runbook service runs it once it is
// approved, and posts the outcome in the incident room (or in this channel without an incident).
#include "bot/engine/runbook_requests.hpp"
#include "handlers/arguments.hpp"
#include "handlers/commands.hpp"

namespace oncall {

namespace {

// The incident a run belongs to: the one named with #ID, else the only one open in this channel,
// else none. Several open here: ask which one.
std::int64_t incident_for_run(command_context& ctx, const std::optional<std::int64_t>& id) {
  if (id) return resolve_incident(ctx, id).id;
  std::vector<incident> here;
  for (auto& inc : ctx.engine.open_incidents()) {
    if (inc.channel == ctx.channel) here.push_back(inc);
  }
  if (here.empty()) return 0;
  if (here.size() == 1) return here.front().id;
  std::string ids;
  for (const auto& inc : here) ids += (ids.empty() ? "" : ", ") + inc.display_id();
  throw command_error("which incident is this run for? Open here: " + ids + "; name one, like " +
                      here.front().display_id());
}

command_reply run_run(command_context& ctx, const std::vector<std::string>& args) {
  if (args.empty()) throw command_error("run needs the name of a runbook (/oncall runbooks lists them)");
  runbook_request req;
  req.runbook = args.front();
  req.channel = ctx.channel;
  std::optional<std::int64_t> id;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const auto& word = args[i];
    if (word == "--yes") {
      req.yes = true;
    } else if (!id && !word.empty() && word.front() == '#' && parse_incident_id(word)) {
      id = parse_incident_id(word);
    } else {
      req.tokens.push_back(word);
    }
  }
  req.incident_id = incident_for_run(ctx, id);
  auto decision = runbook_requests(ctx.engine).request(ctx.caller, req);
  return {decision.message, decision.in_channel()};
}

}  // namespace

command_spec run_command() {
  return {"run", "run <runbook> [#ID] [key=value …] [--yes]",
          "runs a runbook (with confirmation where configured)", true, run_run};
}

}  // namespace oncall
