// Scheduled backups: file names sort by time, rotation keeps exactly the newest `keep` of ours
// and never touches other files, and the first backup after a start is due `every` after the
// newest one on disk.
#include <catch2/catch.hpp>

#include "bot/ops/backup_rotation.hpp"
#include "bot/ops/backup_timer.hpp"

namespace {

oncall::time_point at(const char* iso) { return *oncall::parse_iso8601(iso); }

}  // namespace

TEST_CASE("a backup is named by its UTC time, to the second", "[unit][backup]") {
  CHECK(oncall::backup_file_name(at("2026-12-04T13:45:07.900+01:00")) == "oncallbot-20261204T124507Z.db");
  CHECK(oncall::is_backup_file_name("oncallbot-20261204T124507Z.db"));
  CHECK_FALSE(oncall::is_backup_file_name("oncallbot-20261204T124507Z.db.partial"));
  CHECK_FALSE(oncall::is_backup_file_name("oncallbot-2026120T124507Z.db"));
  CHECK_FALSE(oncall::is_backup_file_name("notes.txt"));
}

TEST_CASE("rotation removes all but the newest keep backups and nothing else", "[unit][backup]") {
  std::vector<std::string> names = {"oncallbot-20261204T120000Z.db", "oncallbot-20261203T235959Z.db",
                                    "oncallbot-20261204T180000Z.db", "README",
                                    "oncallbot-20261204T060000Z.db", "oncallbot-20261204T180500Z.db.partial"};
  CHECK(oncall::backups_to_remove(names, 2) ==
        std::vector<std::string>{"oncallbot-20261204T060000Z.db", "oncallbot-20261203T235959Z.db"});
  CHECK(oncall::backups_to_remove(names, 4).empty());
  CHECK(oncall::backups_to_remove(names, 1).size() == 3);
}

TEST_CASE("the next backup is due every after the newest one, or now without one", "[unit][backup]") {
  const auto now = at("2026-12-04T13:00:00Z");
  const auto six_hours = std::chrono::hours(6);
  CHECK(oncall::next_backup_due({}, six_hours, now) == now);
  CHECK(oncall::next_backup_due({"oncallbot-20261204T120000Z.db", "oncallbot-20261204T060000Z.db", "x"},
                                six_hours, now) == at("2026-12-04T18:00:00Z"));
  // Overdue while the bot was down: due at once (in the past).
  CHECK(oncall::next_backup_due({"oncallbot-20261203T120000Z.db"}, six_hours, now) < now);
  // A backup stamped in the future (the clock was set back) does not hold backups up.
  CHECK(oncall::next_backup_due({"oncallbot-20261205T120000Z.db"}, six_hours, now) == now);
}
