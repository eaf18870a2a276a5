// The noise report (bot/report/noise_report): pages, time to ack and ratings per alert rule,
// noisiest first, with CSV and Markdown output.
#include <catch2/catch.hpp>

#include "bot/report/noise_report.hpp"
#include "engine_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

rated_incident page(const std::string& alertname, const std::string& title,
                    std::optional<duration> ack_after, bool resolved,
                    std::vector<std::pair<std::string, std::string>> ratings = {}) {
  rated_incident r;
  r.inc.title = title;
  if (!alertname.empty()) r.inc.labels["alertname"] = alertname;
  r.inc.opened_at = test_start();
  if (ack_after) r.inc.acked_at = test_start() + *ack_after;
  if (resolved) r.inc.state = incident_state::resolved;
  for (const auto& [who, rating] : ratings) {
    timeline_entry e;
    e.kind = "rating";
    e.author = who;
    e.text = rating;
    r.ratings.push_back(e);
  }
  return r;
}

}  // namespace

TEST_CASE("the noise report groups pages by rule, noisiest first", "[report][noise]") {
  auto rows = build_noise_report({
      page("DiskFull", "Disk full on db-1", 2min, true, {{"alice", "false_alarm"}}),
      page("DiskFull", "Disk full on db-2", 6min, true, {{"alice", "actionable"}, {"alice", "false_alarm"}}),
      page("DiskFull", "Disk full on db-3", std::nullopt, true),
      page("", "Checkout down", 1min, false, {{"bob", "actionable"}, {"alice", "actionable"}}),
  });
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].rule == "DiskFull");
  CHECK(rows[0].pages == 3);
  CHECK(rows[0].acked == 2);
  CHECK(rows[0].median_time_to_ack == 4min);
  CHECK(rows[0].worst_time_to_ack == 6min);
  CHECK(rows[0].false_alarm == 2);  // alice changed her mind on db-2: her last rating counts
  CHECK(rows[0].actionable == 0);
  CHECK(rows[0].unrated == 1);
  CHECK(rows[1].rule == "Checkout down");  // no alertname: the title
  CHECK(rows[1].actionable == 2);
  CHECK(rows[1].unrated == 0);  // still open: not expected to be rated yet
}

TEST_CASE("the noise report renders as CSV and Markdown with the same columns", "[report][noise]") {
  auto rows = build_noise_report({page("Flappy, the alert", "x", 90s, true, {{"bob", "not_actionable"}})});
  CHECK(format_noise_csv(rows) ==
        "rule,pages,acked,median_time_to_ack,worst_time_to_ack,actionable,not_actionable,false_alarm,unrated\n"
        "\"Flappy, the alert\",1,1,1m30s,1m30s,0,1,0,0\n");
  auto md = format_noise_md(rows, "from 2026-11-01 to 2026-12-01");
  CHECK(md.rfind("# Alert noise from 2026-11-01 to 2026-12-01\n\n| rule | pages |", 0) == 0);
  CHECK(md.find("| Flappy, the alert | 1 | 1 | 1m30s | 1m30s | 0 | 1 | 0 | 0 |") != std::string::npos);
  CHECK(format_noise_csv({}) ==
        "rule,pages,acked,median_time_to_ack,worst_time_to_ack,actionable,not_actionable,false_alarm,unrated\n");
}
