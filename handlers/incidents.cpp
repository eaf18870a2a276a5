// /oncall incidents — the open incidents.
#include "bot/core/severity.hpp"
#include "handlers/commands.hpp"

namespace oncall {

namespace {

command_reply run_incidents(command_context& ctx, const std::vector<std::string>& args) {
  if (!args.empty()) throw command_error("incidents takes no arguments");
  auto open = ctx.engine.open_incidents();
  outbound_message m;
  if (open.empty()) {
    m.headline = {rt::text("No open incidents. 🎉")};
    return {m, false};
  }
  m.headline = {rt::bold(std::to_string(open.size()) + " open incident" + (open.size() == 1 ? "" : "s"))};
  for (const auto& inc : open) {
    std::string who = inc.state == incident_state::acknowledged ? " — acked by " + inc.acked_by : " — not acked";
    m.body.push_back({rt::bold(inc.display_id() + " " + severity_label(inc.severity)),
                      rt::text(" " + inc.title + who + ", opened " + format_iso8601(inc.opened_at))});
  }
  return {m, false};
}

}  // namespace

command_spec incidents_command() {
  return {"incidents", "incidents", "lists open incidents", false, run_incidents};
}

}  // namespace oncall
