// Runs the hours report: checks the arguments, loads the config, reads pages and chat overrides
// from storage when it exists, and prints CSV or Markdown.
#include "bot/report/report_hours_command.hpp"

#include <iostream>

#include "bot/commands.hpp"
#include "bot/core/schedule.hpp"
#include "bot/report/hours_format.hpp"
#include "bot/report/hours_report.hpp"
#include "bot/report/report_args.hpp"
#include "bot/store/existing_store.hpp"

namespace oncall {

namespace {

struct stored_history {
  std::vector<stored_override> overrides;
  std::vector<notification> notifications;
};

// Pages and chat overrides, when the bot has stored any.
stored_history read_history(const config& cfg, const report_range_args& args, std::ostream& err) {
  auto st = open_existing_store(cfg.storage.url);
  if (!st) {
    err << "oncallbot: storage " << cfg.storage.url
        << " does not exist; reporting from the config alone, without pages or chat overrides\n";
    return {};
  }
  // A day either side covers every zone's midnight; build_hours_report cuts to the exact range.
  const auto from = time_point{(args.from - date::days{1}).time_since_epoch()};
  const auto to = time_point{(args.to + date::days{1}).time_since_epoch()};
  return {st->overrides(""), st->notifications_between(from, to)};
}

hours_report_input report_input(const config& cfg, const report_range_args& args,
                                stored_history history) {
  hours_report_input in{args.from, args.to, {}, cfg.people, std::move(history.notifications)};
  for (const auto& s : cfg.schedules) in.schedules.push_back(with_overrides(s, history.overrides));
  return in;
}

}  // namespace

int report_hours(const report_hours_request& request, std::ostream& out, std::ostream& err) {
  auto args = parse_report_args(request.from, request.to, request.format);
  if (!args) {
    err << "oncallbot: " << args.err().message << "\n";
    return 2;
  }
  auto cfg = load_config_or_report(request.config_file);
  if (!cfg) return 2;
  stored_history history;
  try {
    history = read_history(*cfg, *args, err);
  } catch (const std::exception& e) {
    err << "oncallbot: " << e.what() << "\n";
    return 1;
  }
  const auto rows = build_hours_report(report_input(*cfg, *args, std::move(history)));
  out << (args->format == report_format::csv ? format_hours_csv(rows)
                                             : format_hours_md(rows, args->from, args->to));
  return 0;
}

}  // namespace oncall
