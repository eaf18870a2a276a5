// Incident rooms into the timeline (engine/room_capture.cpp) with an in-memory store: people's
// messages in the announcement's thread, edits, deletions, :pushpin: key events, redeliveries,
// and the back-fill after a gap that never records a message twice.
#include <catch2/catch.hpp>

#include "engine_test_support.hpp"
#include "handlers/chat_bridge.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

const std::string channel = "C0ALERTS";
const std::string root = "1764000000.000100";

room_message said(const std::string& ref, const std::string& user, const std::string& text,
                  std::int64_t at_ms = 1764000100000) {
  return {ref, user, text, from_millis(at_ms), std::nullopt};
}

room_event event(room_event::kind what, const std::string& delivery, room_message m,
                 const std::string& thread = root) {
  return {what, delivery, channel, thread, std::move(m)};
}

room_event posted(const std::string& ref, const std::string& user, const std::string& text,
                  std::int64_t at_ms = 1764000100000) {
  return event(room_event::kind::posted, "ev-post-" + ref, said(ref, user, text, at_ms));
}

room_event about(room_event::kind what, const std::string& ref, const std::string& delivery,
                 const std::string& thread = "") {
  return event(what, delivery, {.ref = ref}, thread);
}

// An announced incident, its room the thread under `root`.
struct room_fixture : engine_fixture {
  room_fixture() {
    id = engine.ingest(batch("g1", {firing("a", "HighErrorRate")})).opened.at(0);
    announced(id, channel, root);
  }
  std::vector<timeline_entry> messages() {
    std::vector<timeline_entry> out;
    for (auto& e : store.timeline(id)) {
      if (e.kind == "message") out.push_back(e);
    }
    return out;
  }
  std::int64_t id = 0;
  chat_bridge bridge{engine};
};

}  // namespace

TEST_CASE("a reply in the announcement's thread becomes a message entry with author, time and ref", "[unit][timeline]") {
  room_fixture f;
  CHECK(f.engine.capture(posted("1764000100.000200", "U0ALICE", "db latency is up")));
  CHECK(f.engine.capture(posted("1764000160.000300", "U0STRANGER", "I can help", 1764000160000)));
  auto m = f.messages();
  REQUIRE(m.size() == 2);
  CHECK(m[0].author == "alice");  // U0ALICE is alice in people[]
  CHECK(m[0].text == "db latency is up");
  CHECK(m[0].ref == "1764000100.000200");
  CHECK(m[0].at == from_millis(1764000100000));
  CHECK_FALSE(m[0].key_event);
  CHECK(m[1].author == "U0STRANGER");  // not in people[]: the chat user id
  CHECK(f.kicks == 1);  // the page's effects only: a message announces nothing
}

TEST_CASE("messages outside incident rooms change nothing", "[unit][timeline]") {
  room_fixture f;
  auto before = f.store.timeline(f.id).size();
  CHECK_FALSE(f.engine.capture(event(room_event::kind::posted, "e1", said("1.1", "U0ALICE", "top level"), "")));
  CHECK_FALSE(f.engine.capture(event(room_event::kind::posted, "e2", said("1.2", "U0ALICE", "other thread"), "1.0")));
  CHECK_FALSE(f.engine.capture(event(room_event::kind::posted, "e3", said(root, "U0BOT", "the announcement"))));
  auto elsewhere = posted("1.3", "U0ALICE", "same ts, other channel");
  elsewhere.channel = "C0GENERAL";
  CHECK_FALSE(f.engine.capture(elsewhere));
  CHECK(f.store.timeline(f.id).size() == before);
}

TEST_CASE("an edit replaces the text and keeps the time, a deletion removes the entry", "[unit][timeline]") {
  room_fixture f;
  f.engine.capture(posted("1764000100.000200", "U0ALICE", "restart the db"));
  f.engine.capture(posted("1764000200.000200", "U0BOB", "password is hunter2", 1764000200000));
  auto edit = event(room_event::kind::edited, "ev-edit", said("1764000100.000200", "U0ALICE", "fail over the db"));
  CHECK(f.engine.capture(edit));
  CHECK_FALSE(f.engine.capture(edit));  // the same text again changes nothing
  CHECK(f.engine.capture(about(room_event::kind::deleted, "1764000200.000200", "ev-del", root)));
  auto m = f.messages();
  REQUIRE(m.size() == 1);
  CHECK(m[0].text == "fail over the db");
  CHECK(m[0].at == from_millis(1764000100000));
  // Late copies of the deleted message do not bring it back.
  CHECK_FALSE(f.engine.capture(posted("1764000200.000200", "U0BOB", "password is hunter2", 1764000200000)));
  CHECK_FALSE(f.engine.capture(event(room_event::kind::edited, "ev-edit2", said("1764000200.000200", "U0BOB", "x"))));
  CHECK(f.messages().size() == 1);
}

TEST_CASE("a deletion that arrives before its message keeps the message out", "[unit][timeline]") {
  room_fixture f;
  CHECK(f.engine.capture(about(room_event::kind::deleted, "1764000300.000100", "ev-del", root)));
  CHECK_FALSE(f.engine.capture(posted("1764000300.000100", "U0ALICE", "oops")));
  CHECK(f.messages().empty());
  // Deletions elsewhere leave nothing behind.
  CHECK_FALSE(f.engine.capture(about(room_event::kind::deleted, "1.5", "ev-del2", "")));
}

TEST_CASE("an edit of a message the bot never saw records it", "[unit][timeline]") {
  room_fixture f;
  CHECK(f.engine.capture(event(room_event::kind::edited, "ev-edit", said("1764000100.000200", "U0BOB", "rolled back"))));
  auto m = f.messages();
  REQUIRE(m.size() == 1);
  CHECK(m[0].author == "bob");
  CHECK(m[0].text == "rolled back");
}

TEST_CASE("a :pushpin: marks the message as a key event and its removal unmarks it", "[unit][timeline]") {
  room_fixture f;
  f.engine.capture(posted("1764000100.000200", "U0ALICE", "root cause: bad deploy"));
  // Reactions name the message and channel only, not the thread.
  CHECK(f.engine.capture(about(room_event::kind::pinned, "1764000100.000200", "ev-pin")));
  CHECK(f.messages().at(0).key_event);
  CHECK_FALSE(f.engine.capture(about(room_event::kind::pinned, "1764000100.000200", "ev-pin2")));
  CHECK(f.engine.capture(about(room_event::kind::unpinned, "1764000100.000200", "ev-unpin")));
  CHECK_FALSE(f.messages().at(0).key_event);
  CHECK_FALSE(f.engine.capture(about(room_event::kind::pinned, root, "ev-pin-announcement")));
}

TEST_CASE("a redelivered room event changes nothing, whatever happened since", "[unit][timeline]") {
  room_fixture f;
  auto first = posted("1764000100.000200", "U0ALICE", "checking");
  f.bridge.on_room_event(first);
  f.bridge.on_room_event(about(room_event::kind::pinned, "1764000100.000200", "ev-pin"));
  f.bridge.on_room_event(about(room_event::kind::unpinned, "1764000100.000200", "ev-unpin"));
  // Slack sends the pin again (retry_attempt 1, same event_id): it stays unpinned.
  f.bridge.on_room_event(about(room_event::kind::pinned, "1764000100.000200", "ev-pin"));
  f.bridge.on_room_event(first);
  auto m = f.messages();
  REQUIRE(m.size() == 1);
  CHECK_FALSE(m[0].key_event);
  // Only deliveries that changed a timeline are remembered.
  auto inbound = f.store.count_rows("inbound");
  f.bridge.on_room_event(event(room_event::kind::posted, "ev-elsewhere", said("9.9", "U0ALICE", "hi"), ""));
  CHECK(f.store.count_rows("inbound") == inbound);
}

TEST_CASE("resolved incidents keep their room: talk after the resolve is recorded", "[unit][timeline]") {
  room_fixture f;
  REQUIRE(f.engine.resolve(f.id, alice, ""));
  CHECK(f.engine.capture(posted("1764000900.000100", "U0BOB", "postmortem on Thursday")));
  CHECK(f.messages().size() == 1);
}

TEST_CASE("open rooms are the announced threads of open incidents", "[unit][timeline]") {
  room_fixture f;
  auto second = f.engine.ingest(batch("g2", {firing("b", "DiskFull")})).opened.at(0);  // not announced yet
  auto third = f.engine.ingest(batch("g3", {firing("c", "Latency")})).opened.at(0);
  f.announced(third, channel, "1764000500.000100");
  REQUIRE(f.engine.resolve(third, alice, ""));
  (void)second;
  auto rooms = f.engine.open_rooms();
  REQUIRE(rooms.size() == 1);
  CHECK(rooms[0] == room_ref{f.id, channel, root});
  CHECK(f.bridge.open_rooms() == rooms);
}

TEST_CASE("back-fill records what the timeline lacks, once, and takes over edits, pins and deletions", "[unit][timeline]") {
  room_fixture f;
  room_ref room{f.id, channel, root};
  f.engine.capture(posted("1764000100.000100", "U0ALICE", "first"));
  f.engine.capture(posted("1764000200.000100", "U0BOB", "second (soon deleted)", 1764000200000));
  f.engine.capture(posted("1764000250.000100", "U0BOB", "will be edited", 1764000250000));
  // While the bot was away: one message deleted, one edited, two new (one pinned).
  auto pinned = said("1764000400.000100", "U0ALICE", "pinned one", 1764000400000);
  pinned.pinned = true;
  std::vector<room_message> history = {
      said("1764000100.000100", "U0ALICE", "first"),
      said("1764000250.000100", "U0BOB", "edited meanwhile", 1764000250000),
      said("1764000300.000100", "U0CAROL", "new one", 1764000300000),
      pinned,
  };
  CHECK(f.engine.backfill(room, history, true) == 4);  // deleted, edited, two added
  auto m = f.messages();
  REQUIRE(m.size() == 4);
  CHECK(m[0].text == "first");
  CHECK(m[1].text == "edited meanwhile");
  CHECK(m[2].text == "new one");
  CHECK(m[2].author == "U0CAROL");
  CHECK(m[3].text == "pinned one");
  CHECK(m[3].key_event);
  // The same history again (a second reconnect): nothing changes, nothing doubles.
  CHECK(f.engine.backfill(room, history, true) == 0);
  CHECK(f.messages().size() == 4);
}

TEST_CASE("back-fill keeps what was posted after the history was read, and removes nothing from a partial one", "[unit][timeline]") {
  room_fixture f;
  room_ref room{f.id, channel, root};
  f.engine.capture(posted("1764000100.000100", "U0ALICE", "old"));
  f.engine.capture(posted("1764000900.000100", "U0BOB", "posted while reading", 1764000900000));
  std::vector<room_message> history = {said("1764000500.000100", "U0CAROL", "meanwhile", 1764000500000)};
  CHECK(f.engine.backfill(room, history, false) == 1);
  CHECK(f.messages().size() == 3);
  CHECK(f.engine.backfill(room, history, true) == 1);  // "old" was deleted meanwhile
  auto m = f.messages();
  REQUIRE(m.size() == 2);
  CHECK(m[0].text == "meanwhile");
  CHECK(m[1].text == "posted while reading");
}

TEST_CASE("back-fill of a room that is no longer the incident's does nothing", "[unit][timeline]") {
  room_fixture f;
  CHECK(f.engine.backfill({f.id, channel, "1.0"}, {said("1.1", "U0ALICE", "x")}, true) == 0);
  CHECK(f.engine.backfill({999, channel, root}, {said("1.1", "U0ALICE", "x")}, true) == 0);
  CHECK(f.messages().empty());
}

TEST_CASE("the store finds, edits, removes and marks message entries by ref", "[unit][store][timeline]") {
  sqlite_store st(":memory:");
  incident inc;
  inc.key = "k";
  inc.title = "t";
  inc.source = "manual";
  inc.policy = "default";
  inc.opened_at = from_millis(0);
  inc.channel = "C1";
  inc.message_ref = "1.0";
  inc.id = st.insert_incident(inc);
  timeline_entry e{0, inc.id, from_millis(5), "message", "alice", "hello", "1.5", false};
  e.id = st.append_timeline(e);
  CHECK(st.find_timeline_by_ref("C1", "1.5") == e);
  CHECK_FALSE(st.find_timeline_by_ref("C2", "1.5"));
  CHECK_FALSE(st.find_timeline_by_ref("C1", ""));
  st.update_timeline_text(e.id, "hello again");
  st.mark_key_event(e.id, true);
  auto found = st.find_timeline_by_ref("C1", "1.5");
  REQUIRE(found);
  CHECK(found->text == "hello again");
  CHECK(found->key_event);
  st.delete_timeline_entry(e.id);
  CHECK_FALSE(st.find_timeline_by_ref("C1", "1.5"));
  CHECK_THROWS(st.delete_timeline_entry(e.id));
}
