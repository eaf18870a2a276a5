#include "bot/report/audit_command.hpp"

#include <iostream>

#include "bot/commands.hpp"
#include "bot/engine/runbook_requests.hpp"
#include "bot/store/existing_store.hpp"

namespace oncall {

std::string format_audit_line(const runbook_run& run) {
  std::string line = format_iso8601(run.requested_at) + " run " + std::to_string(run.id) + " " +
                     run.requested_by + " " + run.runbook + " " +
                     (run.incident_id ? "#" + std::to_string(run.incident_id) : std::string("-")) +
                     " " + run.state;
  if (run.exit_code) {
    line += " exit " + std::to_string(*run.exit_code);
  } else if (run.signal) {
    line += " signal " + std::to_string(*run.signal);
  } else {
    line += " exit -";
  }
  if (run.timed_out) line += " (timed out)";
  line += " " + std::to_string(run.output_bytes) + " bytes";
  line += " argv: " + (run.argv.empty() ? std::string("-") : display_argv(run.argv));
  if (!run.error.empty()) {
    auto why = run.error;
    for (auto& c : why) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    line += " — " + why;
  }
  return line;
}

int show_audit(const audit_request& request, std::ostream& out, std::ostream& err) {
  std::optional<std::int64_t> incident;
  if (!request.incident.empty()) {
    incident = parse_incident_id(request.incident);
    if (!incident) {
      err << "oncallbot: --incident '" << request.incident << "' is not an incident id; write it like 42 or #42\n";
      return 2;
    }
  }
  auto cfg = load_config_or_report(request.config_file);
  if (!cfg) return 2;
  try {
    auto st = open_existing_store(cfg->storage.url);
    if (!st) {
      err << "oncallbot: storage " << cfg->storage.url << " does not exist yet; no runbook runs to show\n";
      return 0;
    }
    for (const auto& run : st->runbook_runs(incident)) out << format_audit_line(run) << "\n";
  } catch (const std::exception& e) {
    err << "oncallbot: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace oncall
