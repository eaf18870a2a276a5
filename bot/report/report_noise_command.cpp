#include "bot/report/report_noise_command.hpp"

#include <iostream>

#include "bot/commands.hpp"
#include "bot/report/noise_report.hpp"
#include "bot/report/report_args.hpp"
#include "bot/store/existing_store.hpp"

namespace oncall {

namespace {

time_point utc_midnight(date::local_days day) { return time_point{day.time_since_epoch()}; }

std::vector<rated_incident> read_incidents(store& st, time_point from, time_point to) {
  std::vector<rated_incident> out;
  for (auto& inc : st.incidents_opened_between(from, to)) {
    rated_incident r{inc, {}};
    for (auto& e : st.timeline(inc.id)) {
      if (e.kind == "rating") r.ratings.push_back(std::move(e));
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

int report_noise(const report_noise_request& request, std::ostream& out, std::ostream& err) {
  auto args = parse_report_args(request.from, request.to, request.format);
  if (!args) {
    err << "oncallbot: " << args.err().message << "\n";
    return 2;
  }
  auto cfg = load_config_or_report(request.config_file);
  if (!cfg) return 2;
  std::vector<rated_incident> incidents;
  try {
    if (auto st = open_existing_store(cfg->storage.url)) {
      incidents = read_incidents(*st, utc_midnight(args->from), utc_midnight(args->to));
    } else {
      err << "oncallbot: storage " << cfg->storage.url << " does not exist yet; no pages to report\n";
    }
  } catch (const std::exception& e) {
    err << "oncallbot: " << e.what() << "\n";
    return 1;
  }
  auto rows = build_noise_report(incidents);
  if (args->format == report_format::csv) {
    out << format_noise_csv(rows);
  } else {
    out << format_noise_md(rows, "from " + date::format("%F", args->from) + " to " +
                                     date::format("%F", args->to) + " (exclusive, UTC)");
  }
  return 0;
}

}  // namespace oncall
