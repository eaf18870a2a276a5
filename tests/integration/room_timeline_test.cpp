// The incident room on the real binary, on both platforms: people talk in the announcement's
// thread through chatsim, edit, delete and pin; the bot's SQLite timeline holds exactly what the
// room shows. After the bot was stopped while people kept talking, every message is there once.
#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include <thread>

#include "platforms.hpp"
#include "room_actions.hpp"

using namespace oncall::testing;

namespace {

const char* page_body = R"({"title":"Checkout latency","severity":"critical","dedup_key":"checkout-latency"})";

// A message entry of the timeline as the test compares it.
struct entry {
  std::string author;
  std::string text;
  bool key_event = false;
  bool operator==(const entry&) const = default;
};

std::ostream& operator<<(std::ostream& os, const entry& e) {
  return os << "{" << e.author << ": " << e.text << (e.key_event ? " [key]" : "") << "}";
}

template <typename World>
std::vector<entry> room_entries(World& w, int incident_id) {
  SQLite::Database db(w.dir.path() + "/oncallbot.db", SQLite::OPEN_READONLY);
  db.setBusyTimeout(2000);
  SQLite::Statement st(db, "SELECT author, text, key_event FROM timeline WHERE incident_id = ? AND "
                           "kind = 'message' ORDER BY at, id");
  st.bind(1, incident_id);
  std::vector<entry> out;
  while (st.executeStep()) {
    out.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getInt() != 0});
  }
  return out;
}


// Pages by hand through the generic webhook and returns the announcement's ref once stored.
template <typename World>
std::string page(World& w) {
  REQUIRE(w.b.post("/webhooks/generic", page_body)->status == 200);
  REQUIRE(eventually([&] { return w.chat.top_level("alerts").size() == 1; }));
  REQUIRE(eventually([&] { return w.b.announcement_stored(1); }));
  return w.chat.top_level("alerts")[0].ref;
}

// Waits until the timeline holds `expected`, then a little longer to see that nothing else comes.
template <typename World>
void settles_on(World& w, const std::vector<entry>& expected) {
  eventually([&] { return room_entries(w, 1) == expected; }, std::chrono::seconds(15));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  CHECK(room_entries(w, 1) == expected);
}

}  // namespace

TEMPLATE_TEST_CASE("people's messages in the incident thread are the timeline - edited, deleted and pinned",
                   "[integration][timeline]", ONCALL_PLATFORMS) {
  TestType w("room-timeline");
  w.start();
  REQUIRE(w.b.wait_ready());
  auto root = page(w);

  auto m1 = say(w, "alice", root, "checking the db");
  auto m2 = say(w, "bob", root, "p99 > 2s & climbing");
  auto m3 = say(w, "carol", root, "rolling back deploy 42");
  auto m4 = say(w, "alice", root, "rollback done");
  auto m5 = say(w, "eve", root, "error rate is back to normal");  // eve is not in people[]
  say_top_level(w, "eve", "lunch anyone?");  // the alerts channel itself is no incident room
  REQUIRE(w.chat.command("alice", "alerts", "ack 1").answered);  // the bot posts in the thread
  REQUIRE(eventually([&] { return room_entries(w, 1).size() == 5; }, std::chrono::seconds(15)));

  edit(w, "carol", m3, "rolling back deploy 42 (v1.8.2 → v1.8.1)");
  erase(w, "bob", m2);
  pin(w, "bob", m4);
  pin(w, "alice", m1);
  pin(w, "alice", m1, true);  // taken back

  std::string eve = w.chat.name() == "slack" ? "U0EVE" : "eve";
  settles_on(w, {{"alice", "checking the db", false},
                 {"carol", "rolling back deploy 42 (v1.8.2 → v1.8.1)", false},
                 {"alice", "rollback done", true},
                 {eve, "error rate is back to normal", false}});
  CHECK(w.b.timeline(1, "ack").size() == 1);  // the bot's own thread post stays a bot event
  (void)m5;
}

TEMPLATE_TEST_CASE("messages posted while the bot was stopped are in the timeline once after it starts",
                   "[integration][timeline][fault]", ONCALL_PLATFORMS) {
  TestType w("room-gap");
  w.start();
  REQUIRE(w.b.wait_ready());
  auto root = page(w);
  auto before = say(w, "alice", root, "looking into it");
  REQUIRE(eventually([&] { return room_entries(w, 1).size() == 1; }, std::chrono::seconds(15)));

  w.b.terminate();
  say(w, "bob", root, "db failover started");
  say(w, "carol", root, "failover done");
  say(w, "alice", root, "latency back to 200ms");
  edit(w, "alice", before, "looking into it: the db is slow");

  w.start();
  REQUIRE(w.b.wait_ready());
  settles_on(w, {{"alice", "looking into it: the db is slow", false},
                 {"bob", "db failover started", false},
                 {"carol", "failover done", false},
                 {"alice", "latency back to 200ms", false}});
}

TEST_CASE("a Slack message event sent again after a missed ack is recorded once", "[integration][timeline][fault]") {
  slack_world w("room-redelivery", {"--ack-timeout-ms", "400"});
  w.start();
  REQUIRE(w.b.wait_ready());
  auto root = page(w);

  w.b.pause();  // the envelope arrives but is not acked: Slack sends it again with retry_attempt 1
  auto ref = say(w, "alice", root, "is anyone on this?");
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  w.b.resume();

  settles_on(w, {{"alice", "is anyone on this?", false}});
  int deliveries = 0;
  auto envelopes = w.sim.get("/_sim/envelopes");
  for (const auto& summary : envelopes["envelopes"]) {
    if (summary.value("type", "") != "events_api") continue;
    auto envelope = w.sim.get("/_sim/envelopes/" + summary["envelope_id"].get<std::string>());
    if (envelope["payload"]["event"].value("ts", "") == ref) {
      deliveries = envelope.value("deliveries", 0);
      CHECK(envelope.value("acked", false));
    }
  }
  CHECK(deliveries >= 2);
}
