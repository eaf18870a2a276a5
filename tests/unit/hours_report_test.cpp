// The on-call hours report (bot/report): bucket rules on the person's wall clock, DST weeks,
// leap days, overrides, pages, CSV and Markdown, and the command's bad-argument answers.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <date/tz.h>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bot/core/schedule.hpp"
#include "bot/report/hours_format.hpp"
#include "bot/report/hours_report.hpp"
#include "bot/report/report_args.hpp"
#include "bot/report/report_hours_command.hpp"
#include "bot/store/sqlite_store.hpp"

using namespace oncall;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

time_point at(const std::string& iso) { return *parse_iso8601(iso); }
date::local_days day(const std::string& text) { return *parse_report_date(text); }

schedule rotation(const std::string& zone, const std::string& start, duration shift,
                  std::vector<std::string> members) {
  schedule s;
  s.name = "primary";
  s.timezone = zone;
  s.start = at(start);
  s.shift = shift;
  s.members = std::move(members);
  return s;
}

schedule weekly(const std::string& zone, const std::string& start) {
  return rotation(zone, start, hours(24 * 7), {"alice", "bob"});
}

person someone(const std::string& name, const std::string& zone) {
  person p;
  p.name = name;
  p.timezone = zone;
  return p;
}

notification page(const std::string& person, const std::string& target, const std::string& iso) {
  notification n;
  n.person = person;
  n.target = target;
  n.at = at(iso);
  return n;
}

std::vector<hours_row> report(std::vector<schedule> schedules, const std::string& from,
                              const std::string& to, std::vector<person> people = {},
                              std::vector<notification> pages = {}) {
  return build_hours_report({day(from), day(to), std::move(schedules), std::move(people),
                             std::move(pages)});
}

const hours_row& row(const std::vector<hours_row>& rows, const std::string& schedule,
                     const std::string& person) {
  for (const auto& r : rows) {
    if (r.schedule == schedule && r.person == person) return r;
  }
  FAIL("no row for " << schedule << " / " << person);
  throw std::logic_error("unreachable");
}

bucket_hours split(duration business, duration other, duration night, duration weekend) {
  return {business, other, night, weekend};
}

date::local_time<duration> local(const std::string& iso_without_zone) {
  return date::local_time<duration>{at(iso_without_zone + "Z").time_since_epoch()};
}

}  // namespace

TEST_CASE("hours report buckets: weekend is all of Saturday and Sunday, Friday night and Monday morning are nights",
          "[unit][report]") {
  // 2026-03-06 is a Friday.
  CHECK(bucket_of(local("2026-03-06T21:59:59")) == hour_bucket::other);
  CHECK(bucket_of(local("2026-03-06T22:00:00")) == hour_bucket::night);
  CHECK(bucket_of(local("2026-03-07T00:00:00")) == hour_bucket::weekend);
  CHECK(bucket_of(local("2026-03-08T23:59:59")) == hour_bucket::weekend);
  CHECK(bucket_of(local("2026-03-09T00:00:00")) == hour_bucket::night);
  CHECK(bucket_of(local("2026-03-09T06:59:59")) == hour_bucket::night);
  CHECK(bucket_of(local("2026-03-09T07:00:00")) == hour_bucket::other);
  CHECK(bucket_of(local("2026-03-09T09:00:00")) == hour_bucket::business);
  CHECK(bucket_of(local("2026-03-09T17:59:59")) == hour_bucket::business);
  CHECK(bucket_of(local("2026-03-09T18:00:00")) == hour_bucket::other);
}

TEST_CASE("hours report: a whole UTC week is 45 business, 30 other, 45 night and 48 weekend hours",
          "[unit][report]") {
  auto s = rotation("UTC", "2026-03-02T00:00:00Z", hours(24 * 7), {"alice"});
  auto rows = report({s}, "2026-03-02", "2026-03-09");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].hours == split(hours(45), hours(30), hours(45), hours(48)));
  CHECK(rows[0].hours.total() == hours(168));
}

TEST_CASE("hours report: a Berlin week handing over at 09:00 across the spring change is 167 hours, the autumn one 169",
          "[unit][report]") {
  auto s = weekly("Europe/Berlin", "2026-03-16T09:00:00+01:00");  // alice, bob, alice, …
  std::vector<person> people = {someone("alice", "Europe/Berlin"), someone("bob", "Europe/Berlin")};
  // Bob's week 2026-03-23 09:00 CET → 2026-03-30 09:00 CEST; summer time starts Sunday 03-29.
  auto spring = report({s}, "2026-03-23", "2026-03-31", people);
  CHECK(row(spring, "primary", "bob").hours == split(hours(45), hours(30), hours(45), hours(47)));
  CHECK(row(spring, "primary", "alice").hours.total() == hours(9 + 15));
  // Bob's week 2026-10-19 09:00 CEST → 2026-10-26 09:00 CET; winter time starts Sunday 10-25.
  auto autumn = report({s}, "2026-10-19", "2026-10-27", people);
  CHECK(row(autumn, "primary", "bob").hours == split(hours(45), hours(30), hours(45), hours(49)));
  CHECK(row(autumn, "primary", "alice").hours.total() == hours(9 + 15));
}

TEST_CASE("hours report: a New York week handing over at 09:00 across the DST changes is 167 and 169 hours",
          "[unit][report]") {
  auto s = weekly("America/New_York", "2026-02-23T09:00:00-05:00");
  std::vector<person> people = {someone("bob", "America/New_York")};
  // DST starts Sunday 2026-03-08 and ends Sunday 2026-11-01, both inside bob's weeks.
  CHECK(row(report({s}, "2026-03-02", "2026-03-10", people), "primary", "bob").hours.total() ==
        hours(167));
  auto autumn = report({s}, "2026-10-26", "2026-11-03", people);
  CHECK(row(autumn, "primary", "bob").hours == split(hours(45), hours(30), hours(45), hours(49)));
}

TEST_CASE("hours report: a year of a Berlin rotation adds up to the year's hours, split by split",
          "[unit][report]") {
  auto s = rotation("Europe/Berlin", "2025-12-29T09:00:00+01:00", hours(24 * 7),
                    {"alice", "bob", "carol"});
  auto rows = report({s}, "2026-01-01", "2027-01-01");
  REQUIRE(rows.size() == 3);
  bucket_hours all;
  for (const auto& r : rows) all += r.hours;
  CHECK(all.total() == hours(365 * 24));  // the spring hour lost comes back in autumn
  // 2026 has 261 weekdays and 104 weekend days.
  CHECK(all == split(hours(261 * 9), hours(261 * 6), hours(261 * 9), hours(104 * 24)));
}

TEST_CASE("hours report: a leap day is a day like any other", "[unit][report]") {
  CHECK_FALSE(parse_report_date("2027-02-29"));
  auto s = rotation("UTC", "2028-02-28T09:00:00Z", hours(24), {"alice", "bob"});
  // 2028-02-29 is a Tuesday: bob is on call from Tuesday 09:00 to Wednesday 09:00.
  auto rows = report({s}, "2028-02-28", "2028-03-02");
  CHECK(row(rows, "primary", "bob").hours == split(hours(9), hours(6), hours(9), hours(0)));
  CHECK(row(rows, "primary", "alice").hours.total() == hours(48));
  auto february = report({rotation("UTC", "2028-01-01T00:00:00Z", hours(24 * 7), {"alice"})},
                         "2028-02-01", "2028-03-01");
  CHECK(february[0].hours.total() == hours(29 * 24));
}

TEST_CASE("hours report: an override inside a shift gives those hours to whoever took it, chat overrides first",
          "[unit][report]") {
  auto s = rotation("UTC", "2026-03-02T09:00:00Z", hours(24 * 7), {"alice"});
  // Wednesday 18:00 → Thursday 08:00: 4 h other, 9 h night, 1 h other.
  s.overrides.push_back({"carol", at("2026-03-04T18:00:00Z"), at("2026-03-05T08:00:00Z")});
  auto rows = report({s}, "2026-03-02", "2026-03-09");
  CHECK(row(rows, "primary", "carol").hours == split(hours(0), hours(5), hours(9), hours(0)));
  CHECK(row(rows, "primary", "alice").hours.total() == hours(168 - 14));

  // Dave took the first half of carol's override in chat: chat overrides are newer and win.
  stored_override chat{0, "primary", "dave", at("2026-03-04T18:00:00Z"), at("2026-03-05T01:00:00Z")};
  auto merged = report({with_overrides(s, {chat})}, "2026-03-02", "2026-03-09");
  CHECK(row(merged, "primary", "dave").hours.total() == hours(7));
  CHECK(row(merged, "primary", "carol").hours.total() == hours(7));
}

TEST_CASE("hours report: a person in another zone is bucketed on their own clock; the range on the schedule's",
          "[unit][report]") {
  auto s = rotation("Europe/Berlin", "2026-06-01T00:00:00+02:00", hours(24 * 7), {"alice"});
  // 09:00–17:00 in Berlin is 03:00–11:00 in New York: 4 h night, 2 h other, 2 h business.
  s.overrides.push_back({"carol", at("2026-06-01T09:00:00+02:00"), at("2026-06-01T17:00:00+02:00")});
  std::vector<person> people = {someone("alice", ""), someone("carol", "America/New_York")};
  auto rows = report({s}, "2026-06-01", "2026-06-02", people);
  CHECK(row(rows, "primary", "carol").hours == split(hours(2), hours(2), hours(4), hours(0)));
  // Alice sets no zone, so the schedule's applies: 00:00–09:00 and 17:00–24:00 Berlin.
  CHECK(row(rows, "primary", "alice").hours == split(hours(1), hours(6), hours(9), hours(0)));
}

TEST_CASE("hours report: pages count once, in the bucket of the person's local time; off-call pages get a '-' row",
          "[unit][report]") {
  auto primary = rotation("Europe/Berlin", "2026-03-02T09:00:00+01:00", hours(24 * 7), {"alice"});
  auto secondary = primary;
  secondary.name = "secondary";
  secondary.members = {"alice", "bob"};  // alice this week too
  std::vector<person> people = {someone("alice", "Europe/Berlin"), someone("bob", "Europe/Berlin")};
  std::vector<notification> pages = {
      page("alice", "schedule:primary", "2026-03-07T12:00:00+01:00"),    // Saturday
      page("alice", "schedule:primary", "2026-03-03T23:30:00+01:00"),    // Tuesday night
      page("alice", "schedule:secondary", "2026-03-04T10:00:00+01:00"),  // business, secondary
      page("alice", "person:alice", "2026-03-04T19:00:00+01:00"),        // other, first by name
      page("", "notifier:sms", "2026-03-04T19:00:00+01:00"),             // not a person
      page("bob", "person:bob", "2026-03-05T08:00:00+01:00"),            // bob is off call
      page("bob", "person:bob", "2026-03-08T23:30:00Z"),                 // after the range in Berlin
  };
  auto rows = report({primary, secondary}, "2026-03-02", "2026-03-09", people, pages);
  CHECK(row(rows, "primary", "alice").pages == bucket_pages{0, 1, 1, 1});
  CHECK(row(rows, "secondary", "alice").pages == bucket_pages{1, 0, 0, 0});
  CHECK(row(rows, "-", "bob").pages == bucket_pages{0, 1, 0, 0});
  CHECK(row(rows, "-", "bob").hours.total() == duration{0});
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].schedule == "-");  // sorted by schedule then person, byte order
}

TEST_CASE("hours report: CSV has the header row and hours with two decimals", "[unit][report]") {
  // 20 min is 0.33 h; 450 s is 0.125 h, which rounds up.
  hours_row r{"primary", "alice", split(hours(45), minutes(20), std::chrono::seconds(450), hours(0)),
              {1, 0, 2, 0}};
  hours_row quoted{"ops, \"night\"", "bob", {}, {}};
  CHECK(format_hours_csv({r, quoted}) ==
        "schedule,person,total_hours,business_hours,other_hours,night_hours,weekend_hours,pages,"
        "business_pages,other_pages,night_pages,weekend_pages\n"
        "primary,alice,45.46,45.00,0.33,0.13,0.00,3,1,0,2,0\n"
        "\"ops, \"\"night\"\"\",bob,0.00,0.00,0.00,0.00,0.00,0,0,0,0,0\n");
}

TEST_CASE("hours report: Markdown has a title naming the range and a table with the CSV's columns",
          "[unit][report]") {
  hours_row r{"primary", "a|b", split(hours(9), hours(0), hours(0), hours(0)), {0, 0, 0, 1}};
  CHECK(format_hours_md({r}, day("2026-03-01"), day("2026-04-01")) ==
        "# On-call hours from 2026-03-01 to 2026-04-01 (exclusive), in each schedule's time zone\n"
        "\n"
        "| schedule | person | total_hours | business_hours | other_hours | night_hours | "
        "weekend_hours | pages | business_pages | other_pages | night_pages | weekend_pages |\n"
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"
        "| primary | a\\|b | 9.00 | 9.00 | 0.00 | 0.00 | 0.00 | 1 | 0 | 0 | 0 | 1 |\n");
}

TEST_CASE("hours report arguments: not a date, an empty range and an unknown format are refused with the fix",
          "[unit][report]") {
  for (const char* bad : {"2026-13-01", "2026-2-01", "yesterday", "2026-02-30", ""}) {
    auto r = parse_report_args(bad, "2026-04-01", "md");
    REQUIRE_FALSE(r);
    CHECK(r.err().message == "--from '" + std::string(bad) +
                                 "' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-01");
  }
  CHECK(parse_report_args("2026-03-01", "2026-03-01T00:00", "md").err().field == "--to");
  auto empty = parse_report_args("2026-03-02", "2026-03-01", "csv");
  REQUIRE_FALSE(empty);
  CHECK(empty.err().message ==
        "--from 2026-03-02 is not before --to 2026-03-01; --to is exclusive, so give a later --to "
        "(e.g. --to 2026-03-03 for one day)");
  CHECK_FALSE(parse_report_args("2026-03-01", "2026-03-01", "csv"));
  auto format = parse_report_args("2026-03-01", "2026-04-01", "xlsx");
  REQUIRE_FALSE(format);
  CHECK(format.err().message == "--format 'xlsx' is not known; use --format csv or --format md");
  auto fine = parse_report_args("2026-03-01", "2026-04-01", "");
  REQUIRE(fine);
  CHECK(fine->format == report_format::md);
  CHECK(fine->to - fine->from == date::days{31});
}

namespace {

// A config and storage path in the system temp folder, removed when the test ends.
struct report_files {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("oncallbot-hours-report-" + std::to_string(::getpid()));
  std::filesystem::path db = dir / "state.db";
  std::filesystem::path config = dir / "oncallbot.yaml";

  report_files() {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::ofstream(config) << "chat: {platform: slack, alerts_channel: alerts,\n"
                             "       slack: {app_token: xapp-1, bot_token: xoxb-1}}\n"
                             "storage: sqlite:" << db.string() << "\n"
                             "people:\n"
                             "  - {name: alice, slack: U1, timezone: Europe/Berlin}\n"
                             "  - {name: bob, slack: U2, timezone: America/New_York}\n"
                             "schedules:\n"
                             "  - {name: primary, timezone: Europe/Berlin, shift: 7d,\n"
                             "     start: 2026-03-02T09:00:00+01:00, members: [alice]}\n";
  }
  ~report_files() { std::filesystem::remove_all(dir); }

  int run(const std::string& from, const std::string& to, const std::string& format,
          std::string& out, std::string& err) const {
    std::ostringstream o, e;
    int code = report_hours({config.string(), from, to, format}, o, e);
    out = o.str();
    err = e.str();
    return code;
  }
};

}  // namespace

TEST_CASE("hours report command: bad arguments exit 2 with one sentence, before reading anything",
          "[unit][report]") {
  std::ostringstream out, err;
  CHECK(report_hours({"/nonexistent/oncallbot.yaml", "2026-03-01", "2026-03-01", "md"}, out, err) == 2);
  CHECK(err.str() ==
        "oncallbot: --from 2026-03-01 is not before --to 2026-03-01; --to is exclusive, so give a "
        "later --to (e.g. --to 2026-03-02 for one day)\n");
  CHECK(out.str().empty());
}

TEST_CASE("hours report command: without a storage file it reports from the config and creates none",
          "[unit][report]") {
  report_files files;
  std::string out, err;
  REQUIRE(files.run("2026-03-02", "2026-03-09", "csv", out, err) == 0);
  CHECK_FALSE(std::filesystem::exists(files.db));
  CHECK(err.find("does not exist; reporting from the config alone") != std::string::npos);
  CHECK(out.find("\nprimary,alice,168.00,45.00,30.00,45.00,48.00,0,0,0,0,0\n") != std::string::npos);
}

TEST_CASE("hours report command: pages and chat overrides come from storage", "[unit][report]") {
  report_files files;
  {
    sqlite_store st(files.db.string());
    st.insert_override({0, "primary", "bob", at("2026-03-04T09:00:00+01:00"),
                        at("2026-03-04T10:00:00+01:00"), "alice", at("2026-03-01T00:00:00Z")});
    incident inc;
    inc.key = "generic:disk";
    inc.title = "Disk full";
    inc.opened_at = at("2026-03-04T08:30:00Z");
    notification n = page("bob", "schedule:primary", "2026-03-04T09:30:00+01:00");
    n.incident_id = st.insert_incident(inc);
    st.insert_notification(n);  // 03:30 in New York: a night page for bob
  }
  std::string out, err;
  REQUIRE(files.run("2026-03-02", "2026-03-09", "md", out, err) == 0);
  CHECK(err.empty());
  CHECK(out.find("| primary | alice | 167.00 |") != std::string::npos);
  CHECK(out.find("| primary | bob | 1.00 | 0.00 | 0.00 | 1.00 | 0.00 | 1 | 0 | 0 | 1 | 0 |") !=
        std::string::npos);
}
