// The command line (SPEC §1): parses argv with CLI11 and runs one command.
#include "bot/app.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

#include "bot/commands.hpp"
#include "bot/ops/backup.hpp"
#include "bot/report/report_hours_command.hpp"
#include "bot/report/audit_command.hpp"
#include "bot/report/export_command.hpp"
#include "bot/report/report_noise_command.hpp"

namespace oncall {

int run_cli(int argc, char** argv) {
  CLI::App app{"oncallbot — the on-call chat-ops bot for Slack and Mattermost"};
  app.set_version_flag("--version", std::string("oncallbot ") + ONCALLBOT_VERSION);
  std::string top_config;
  app.add_option("--config", top_config, "run the bot with this config (same as: run --config FILE)");

  auto* run = app.add_subcommand("run", "run the bot until SIGINT/SIGTERM");
  std::string run_config;
  run->add_option("--config", run_config, "config file")->required();

  auto* check = app.add_subcommand("check-config", "validate a config file");
  std::string check_file;
  check->add_option("FILE", check_file, "config file")->required();

  auto* who = app.add_subcommand("who", "who is on call now (or at TIME) for each schedule");
  std::string who_config, who_at;
  who->add_option("--config", who_config, "config file")->required();
  who->add_option("--at", who_at, "an ISO 8601 time, e.g. 2026-11-24T03:00:00Z");

  auto* report = app.add_subcommand("report", "reports from the config and storage");
  report->require_subcommand(1);
  auto* hours = report->add_subcommand(
      "hours", "on-call hours per person (business / other / night / weekend) and pages received");
  report_hours_request hours_request;
  hours->add_option("--config", hours_request.config_file, "config file")->required();
  hours->add_option("--from", hours_request.from, "first day, YYYY-MM-DD")->required();
  hours->add_option("--to", hours_request.to, "day after the last, YYYY-MM-DD (exclusive)")->required();
  hours->add_option("--format", hours_request.format, "csv or md (default md)");
  auto* noise = report->add_subcommand(
      "noise", "per alert rule: pages, time to ack, and how responders rated them");
  report_noise_request noise_request;
  noise->add_option("--config", noise_request.config_file, "config file")->required();
  noise->add_option("--from", noise_request.from, "first day, YYYY-MM-DD (UTC)")->required();
  noise->add_option("--to", noise_request.to, "day after the last, YYYY-MM-DD (UTC, exclusive)")->required();
  noise->add_option("--format", noise_request.format, "csv or md (default md)");

  auto* audit = app.add_subcommand("audit", "the runbook audit log: every run, refusal and outcome");
  audit_request audit_req;
  audit->add_option("--config", audit_req.config_file, "config file")->required();
  audit->add_option("--incident", audit_req.incident, "only this incident's runs (42 or #42)");

  auto* exp = app.add_subcommand("export", "writes the postmortem draft of an incident");
  export_request export_req;
  exp->add_option("--config", export_req.config_file, "config file")->required();
  exp->add_option("--incident", export_req.incident, "the incident (42 or #42)")->required();
  exp->add_option("--format", export_req.format, "md or json (default md)");
  exp->add_option("--out", export_req.out, "file to write (default: stdout)");

  auto* backup = app.add_subcommand("backup", "consistent online copy of all state, while the bot runs");
  std::string backup_config, backup_out;
  backup->add_option("--config", backup_config, "config file")->required();
  backup->add_option("--out", backup_out, "where to write the copy")->required();
  auto* restore = app.add_subcommand("restore", "replaces the storage with a backup (the bot must be stopped)");
  std::string restore_config, restore_in;
  restore->add_option("--config", restore_config, "config file")->required();
  restore->add_option("--in", restore_in, "a file `oncallbot backup` wrote")->required();

  app.require_subcommand(0, 1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "oncallbot: " << e.what() << "; see oncallbot --help\n";
    return 2;
  }

  if (*run) return run_bot(run_config);
  if (*check) return check_config(check_file);
  if (*who) return show_who(who_config, who_at);
  if (*hours) return report_hours(hours_request, std::cout, std::cerr);
  if (*noise) return report_noise(noise_request, std::cout, std::cerr);
  if (*audit) return show_audit(audit_req, std::cout, std::cerr);
  if (*exp) return export_postmortem(export_req, std::cout, std::cerr);
  if (*backup || *restore) {
    auto cfg = load_config_or_report(*backup ? backup_config : restore_config);
    if (!cfg) return 2;
    return *backup ? backup_storage(cfg->storage.url, backup_out, std::cerr)
                   : restore_storage(cfg->storage.url, restore_in, std::cerr);
  }
  if (!top_config.empty()) return run_bot(top_config);
  std::cout << app.help();
  return 2;
}

}  // namespace oncall
