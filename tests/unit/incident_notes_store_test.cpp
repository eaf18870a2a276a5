// Storage of the incident record (migration 3): the root cause on the incident row and follow-up
// action items read back whole, and a store from before migration 3 upgrades in place.
#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "bot/store/migrations.hpp"
#include "bot/store/sqlite_store.hpp"
#include "engine_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

incident small_incident() {
  incident inc;
  inc.key = "generic:db";
  inc.title = "Database down";
  inc.source = "generic";
  inc.opened_at = test_start();
  return inc;
}

}  // namespace

TEST_CASE("an incident's root cause reads back as written", "[unit][store][notes]") {
  sqlite_store st(":memory:");
  auto id = st.insert_incident(small_incident());
  CHECK(st.find_incident(id)->cause == root_cause::unknown);
  auto inc = *st.find_incident(id);
  inc.cause = root_cause::third_party;
  inc.cause_text = "the provider's DNS failed — «ünïcode» 🔥";
  st.update_incident(inc);
  CHECK(*st.find_incident(id) == inc);
}

TEST_CASE("root-cause categories are exactly deploy, scale, third-party and unknown",
          "[unit][notes]") {
  CHECK(root_cause_from_string("deploy") == root_cause::deploy);
  CHECK(root_cause_from_string("SCALE") == root_cause::scale);
  CHECK(root_cause_from_string("third-party") == root_cause::third_party);
  CHECK(root_cause_from_string("unknown") == root_cause::unknown);
  for (const char* bad : {"", "third_party", "thirdparty", "dns", "deploy "}) {
    INFO(bad);
    CHECK_FALSE(root_cause_from_string(bad));
  }
  CHECK(to_string(root_cause::third_party) == "third-party");
}

TEST_CASE("follow-ups read back whole, per incident in the order added", "[unit][store][notes]") {
  sqlite_store st(":memory:");
  auto one = st.insert_incident(small_incident());
  auto other = small_incident();
  other.key = "generic:cache";
  auto two = st.insert_incident(other);

  followup f;
  f.incident_id = one;
  f.text = "alert on pool saturation";
  f.owner = "bob";
  f.created_by = "alice";
  f.created_at = test_start();
  f.id = st.insert_followup(f);
  followup g = f;
  g.incident_id = two;
  g.owner.clear();
  g.id = st.insert_followup(g);
  followup h = f;
  h.text = "write the runbook";
  h.id = st.insert_followup(h);

  CHECK(st.followups(one) == std::vector<followup>{f, h});
  CHECK(st.followups(two) == std::vector<followup>{g});
  CHECK(st.count_rows("followups") == 3);

  f.done_at = test_start() + 1h;
  f.done_by = "bob";
  st.update_followup(f);
  CHECK(*st.find_followup(f.id) == f);
  CHECK(st.find_followup(f.id)->done());
  CHECK_FALSE(st.find_followup(h.id)->done());
  CHECK_FALSE(st.find_followup(99));
}

TEST_CASE("a store from before migration 3 upgrades with every incident's cause unknown",
          "[unit][store][notes]") {
  auto path = std::filesystem::temp_directory_path() /
              ("oncallbot-notes-store-test-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    for (int i = 0; i < 2; ++i) raw.exec(sqlite_migrations()[i]);
    raw.exec("PRAGMA user_version = 2");
    raw.exec(
        "INSERT INTO incidents (key, title, source, severity, state, policy, opened_at) "
        "VALUES ('generic:db', 'Database down', 'generic', 2, 'triggered', 'default', 0)");
  }
  {
    sqlite_store st(path.string());
    CHECK(st.schema_version() == static_cast<int>(sqlite_migrations().size()));
    auto inc = st.find_incident(1);
    REQUIRE(inc);
    CHECK(inc->title == "Database down");
    CHECK(inc->cause == root_cause::unknown);
    CHECK(inc->cause_text.empty());
    CHECK(st.followups(1).empty());
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}
