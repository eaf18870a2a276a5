// The SQLite store (bot/store): what is written reads back whole, open incidents keep unique
// keys, effects are enqueued once per key, and transactions are all or nothing.
#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <stdexcept>

#include "bot/store/migrations.hpp"
#include "bot/store/sqlite_store.hpp"
#include "engine_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

incident sample_incident(const std::string& key = "alertmanager:{}:{alertname=\"X\"}") {
  incident inc;
  inc.key = key;
  inc.title = "HighErrorRate on checkout";
  inc.source = "alertmanager";
  inc.severity = 2;
  inc.policy = "default";
  inc.opened_at = test_start();
  inc.next_escalation_at = test_start() + 5min;
  inc.labels = {{"service", "checkout"}};
  return inc;
}

// A file in the system temp folder, removed with its WAL files when the test ends.
struct temp_db {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("oncallbot-store-test-" + std::to_string(::getpid()) + ".db");
  temp_db() { remove(); }
  ~temp_db() { remove(); }
  void remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path.string() + suffix);
    }
  }
};

}  // namespace

TEST_CASE("a new store is at the latest schema version and empty", "[unit][store]") {
  sqlite_store st(":memory:");
  CHECK(st.schema_version() == static_cast<int>(sqlite_migrations().size()));
  for (const char* table : {"incidents", "alerts", "timeline", "effects", "inbound"}) {
    CHECK(st.count_rows(table) == 0);
  }
  CHECK_THROWS_AS(st.count_rows("sqlite_master"), std::invalid_argument);
}

TEST_CASE("an incident reads back exactly as written, every field included", "[unit][store]") {
  sqlite_store st(":memory:");
  incident inc = sample_incident();
  inc.severity_set_by_hand = true;
  inc.state = incident_state::acknowledged;
  inc.level = 1;
  inc.cycle = 1;
  inc.acked_at = test_start() + 1min;
  inc.acked_by = "alice";
  inc.ack_until = test_start() + 31min;
  inc.lead = "bob";
  inc.links = {{"runbook", "https://runbooks.example/checkout"},
               {"dashboard", "https://grafana.example/d/1"}};
  inc.alert_count = 3;
  inc.firing_count = 2;
  inc.channel = "C0ALERTS";
  inc.message_ref = "1700000000.000100";
  inc.id = st.insert_incident(inc);
  CHECK(inc.id == 1);
  CHECK(st.find_incident(inc.id) == inc);

  inc.state = incident_state::resolved;
  inc.resolved_at = test_start() + 1h;
  inc.resolved_by = "bob";
  inc.ack_until.reset();
  inc.next_escalation_at.reset();
  st.update_incident(inc);
  CHECK(st.find_incident(inc.id) == inc);
  CHECK_FALSE(st.find_incident(99));
}

TEST_CASE("updating an incident that does not exist is an error", "[unit][store]") {
  sqlite_store st(":memory:");
  incident ghost = sample_incident();
  ghost.id = 5;
  CHECK_THROWS_AS(st.update_incident(ghost), std::runtime_error);
}

TEST_CASE("only one incident per key is open; a resolved one frees the key", "[unit][store]") {
  sqlite_store st(":memory:");
  incident first = sample_incident("generic:disk-full");
  first.id = st.insert_incident(first);
  CHECK(st.find_open_incident_by_key("generic:disk-full")->id == first.id);
  CHECK_THROWS(st.insert_incident(sample_incident("generic:disk-full")));

  first.state = incident_state::resolved;
  st.update_incident(first);
  CHECK_FALSE(st.find_open_incident_by_key("generic:disk-full"));
  auto second = st.insert_incident(sample_incident("generic:disk-full"));
  CHECK(st.find_open_incident_by_key("generic:disk-full")->id == second);
  CHECK(st.open_incidents().size() == 1);
}

TEST_CASE("incidents are found by the announcement they sit on", "[unit][store]") {
  sqlite_store st(":memory:");
  incident inc = sample_incident();
  inc.channel = "C0ALERTS";
  inc.message_ref = "1700000000.000100";
  inc.id = st.insert_incident(inc);
  CHECK(st.find_incident_by_message("C0ALERTS", "1700000000.000100")->id == inc.id);
  CHECK_FALSE(st.find_incident_by_message("C0OTHER", "1700000000.000100"));
  CHECK_FALSE(st.find_incident_by_message("C0ALERTS", "1700000000.000200"));
}

TEST_CASE("escalations due are the open ones whose time has come, soonest first", "[unit][store]") {
  sqlite_store st(":memory:");
  auto add = [&](const std::string& key, std::optional<time_point> due, incident_state s) {
    incident inc = sample_incident(key);
    inc.next_escalation_at = due;
    inc.state = s;
    return st.insert_incident(inc);
  };
  const auto now = test_start() + 10min;
  auto later_due = add("a", now, incident_state::triggered);
  auto earlier_due = add("b", now - 1min, incident_state::acknowledged);
  add("c", now + 1ms, incident_state::triggered);
  add("d", std::nullopt, incident_state::triggered);
  add("e", now - 5min, incident_state::resolved);

  auto due = st.incidents_due_for_escalation(now);
  REQUIRE(due.size() == 2);
  CHECK(due[0].id == earlier_due);
  CHECK(due[1].id == later_due);
}

TEST_CASE("alerts are kept by fingerprint and counted firing and total", "[unit][store]") {
  sqlite_store st(":memory:");
  auto id = st.insert_incident(sample_incident());
  alert a = firing("fp-1", "checkout 5xx", 2);
  a.labels = {{"pod", "checkout-1"}};
  a.annotations = {{"summary", "5xx above 5%"}};
  a.links = {{"runbook", "https://runbooks.example/5xx"}};
  a.starts_at = test_start();
  st.upsert_alert(id, a, test_start());
  st.upsert_alert(id, firing("fp-2", "checkout latency"), test_start());
  CHECK(st.count_alerts(id).total == 2);
  CHECK(st.count_alerts(id).firing == 2);

  alert a_resolved = a;
  a_resolved.status = alert_status::resolved;
  a_resolved.ends_at = test_start() + 3min;
  st.upsert_alert(id, a_resolved, test_start() + 3min);
  CHECK(st.count_alerts(id).total == 2);
  CHECK(st.count_alerts(id).firing == 1);

  auto alerts = st.incident_alerts(id);
  REQUIRE(alerts.size() == 2);
  CHECK(alerts[0] == a_resolved);
  CHECK(alerts[1].fingerprint == "fp-2");
  CHECK(st.count_alerts(id + 1).total == 0);
}

TEST_CASE("the timeline reads back in time order", "[unit][store]") {
  sqlite_store st(":memory:");
  auto id = st.insert_incident(sample_incident());
  timeline_entry late{0, id, test_start() + 2min, "note", "alice", "rolled back", "", true};
  timeline_entry early{0, id, test_start(), "alert", "alertmanager", "firing", "1700.1", false};
  late.id = st.append_timeline(late);
  early.id = st.append_timeline(early);
  CHECK(st.timeline(id) == std::vector<timeline_entry>{early, late});
  CHECK(st.timeline(id + 1).empty());
}

TEST_CASE("an effect is enqueued once per key and leaves the queue when done", "[unit][store]") {
  sqlite_store st(":memory:");
  effect e;
  e.key = "announce:1";
  e.kind = effect_kind::announce;
  e.channel = "alerts";
  e.incident_id = 1;
  e.payload = "{}";
  e.created_at = test_start();
  CHECK(st.enqueue_effect(e));
  e.payload = "{\"different\":true}";
  CHECK_FALSE(st.enqueue_effect(e));

  auto pending = st.pending_effects();
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].payload == "{}");
  CHECK(pending[0].kind == effect_kind::announce);
  CHECK(pending[0].attempts == 0);

  st.note_effect_attempt(pending[0].id);
  st.note_effect_attempt(pending[0].id);
  CHECK(st.pending_effects()[0].attempts == 2);
  st.complete_effect(pending[0].id, test_start() + 1s);
  CHECK(st.pending_effects().empty());
  // Done effects still hold their key: a replay cannot post the announcement twice.
  CHECK_FALSE(st.enqueue_effect(e));
}

TEST_CASE("effect kinds have stored names that read back", "[unit][store]") {
  for (auto k : {effect_kind::announce, effect_kind::sync, effect_kind::thread_post}) {
    CHECK(effect_kind_from_string(to_string(k)) == k);
  }
  CHECK_FALSE(effect_kind_from_string("email"));
}

TEST_CASE("an inbound delivery is remembered with its first reply", "[unit][store]") {
  sqlite_store st(":memory:");
  CHECK_FALSE(st.find_inbound("slack-command:1"));
  st.record_inbound("slack-command:1", "{\"ok\":true}", test_start());
  REQUIRE(st.find_inbound("slack-command:1"));
  CHECK(st.find_inbound("slack-command:1")->reply == "{\"ok\":true}");
}

TEST_CASE("a transaction that throws leaves nothing behind", "[unit][store]") {
  sqlite_store st(":memory:");
  CHECK_THROWS_WITH(st.transaction([&] {
    st.insert_incident(sample_incident());
    st.transaction([&] { st.record_inbound("x", "{}", test_start()); });
    throw std::runtime_error("chat post failed");
  }),
                    "chat post failed");
  CHECK(st.count_rows("incidents") == 0);
  CHECK(st.count_rows("inbound") == 0);

  st.transaction([&] { st.insert_incident(sample_incident()); });
  CHECK(st.count_rows("incidents") == 1);
}

TEST_CASE("a store file keeps everything across a reopen", "[unit][store]") {
  temp_db db;
  {
    sqlite_store st(db.path.string());
    st.insert_incident(sample_incident());
  }
  auto reopened = open_store("sqlite:" + db.path.string());
  CHECK(reopened->open_incidents().size() == 1);
  CHECK(reopened->schema_version() == static_cast<int>(sqlite_migrations().size()));
}

TEST_CASE("a store from a newer oncallbot is refused with a readable message", "[unit][store]") {
  temp_db db;
  {
    SQLite::Database raw(db.path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("PRAGMA user_version = 99");
  }
  CHECK_THROWS_WITH(sqlite_store(db.path.string()),
                    Catch::Contains("storage schema version 99 is newer") &&
                        Catch::Contains("run a newer oncallbot"));
}

TEST_CASE("storage URLs other than sqlite: are refused", "[unit][store]") {
  CHECK_THROWS_WITH(open_store("postgresql://db/oncall"), Catch::Contains("use sqlite:PATH"));
  CHECK(open_store("sqlite::memory:")->schema_version() > 0);
}
