// storage.backup in the config: defaults, and each mistake with the key path and the fix.
#include <unistd.h>

#include <catch2/catch.hpp>

#include "config_test_support.hpp"

namespace {
using oncall::test::all_messages;
using oncall::test::load;
using oncall::test::only_error;
}  // namespace

TEST_CASE("storage.backup takes every, keep and dir, with keep 14 and dir backups/ by default",
          "[unit][config][backup]") {
  auto r = load("storage: {url: sqlite:bot.db, backup: {every: 6h}}\n");
  INFO(all_messages(r));
  REQUIRE(r.cfg);
  REQUIRE(r.cfg->storage.backup);
  CHECK(r.cfg->storage.backup->every == std::chrono::hours(6));
  CHECK(r.cfg->storage.backup->keep == 14);
  CHECK(r.cfg->storage.backup->dir == "backups/");
  auto small = load("storage: {url: sqlite:bot.db, backup: {every: 1s, keep: 2, dir: /tmp/oncall-b}}\n");
  REQUIRE(small.cfg);
  CHECK(small.cfg->storage.backup->keep == 2);
}

TEST_CASE("storage.backup refuses a tiny every, keep 0, an uncreatable dir and PostgreSQL",
          "[unit][config][backup]") {
  auto e = only_error(load("storage: {url: sqlite:bot.db, backup: {every: 500ms}}\n"), 1, "storage.backup.every");
  CHECK_THAT(e.message, Catch::Contains("at least 1s"));
  e = only_error(load("storage: {url: sqlite:bot.db, backup: {every: 1h, keep: 0}}\n"), 1, "storage.backup.keep");
  CHECK_THAT(e.message, Catch::Contains("at least 1"));
  e = only_error(load("storage: {url: sqlite:bot.db, backup: {every: 1h, dir: /proc/self/status/b}}\n"), 1,
                 "storage.backup.dir");
  CHECK_THAT(e.message, Catch::Contains("is a file"));
  if (::geteuid() != 0) {  // root may write anywhere the permissions say
    e = only_error(load("storage: {url: sqlite:bot.db, backup: {every: 1h, dir: /proc/oncall-backups}}\n"), 1,
                   "storage.backup.dir");
    CHECK_THAT(e.message, Catch::Contains("not writable"));
  }
  e = only_error(load("storage: {url: \"postgresql://db/oncall\", backup: {every: 1h}}\n"), 1, "storage.backup");
  CHECK_THAT(e.message, Catch::Contains("need SQLite"));
}
