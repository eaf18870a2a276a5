// Dedicated incident channels against the real engine and an in-memory store: what a page with
// incident_rooms: channel and /oncall channel queue, how a created channel becomes the room
// (its messages, top level or threaded, into the timeline; read back whole after a gap), and
// the thread as the room when creation failed.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "bot/chat/message_codec.hpp"
#include "handler_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

config channel_rooms() {
  auto c = demo_config();
  c.chat.incident_rooms = incident_room_mode::channel;
  return c;
}

room_event said_in(const std::string& channel, const std::string& ref, const std::string& text,
                   const std::string& thread = "") {
  room_event ev;
  ev.what = room_event::kind::posted;
  ev.delivery_id = "ev-" + ref;
  ev.channel = channel;
  ev.thread_ref = thread;
  ev.message = {ref, "U0ALICE", text, test_start(), std::nullopt};
  return ev;
}

std::vector<std::string> messages_of(handler_fixture& f, std::int64_t id) {
  std::vector<std::string> out;
  for (const auto& e : f.store.timeline(id)) {
    if (e.kind == "message") out.push_back(e.text);
  }
  return out;
}

}  // namespace

TEST_CASE("with incident_rooms: channel a page queues its channel before its announcement",
          "[unit][rooms]") {
  handler_fixture f(channel_rooms());
  auto out = f.engine.ingest(batch("g1", {firing("fp1", "db down")}, "DB down on db-1"));
  REQUIRE(out.opened.size() == 1);
  auto pending = f.store.pending_effects();
  auto room = std::find_if(pending.begin(), pending.end(), [](const effect& e) { return e.kind == effect_kind::open_room; });
  auto announce = std::find_if(pending.begin(), pending.end(), [](const effect& e) { return e.kind == effect_kind::announce; });
  REQUIRE(room != pending.end());
  REQUIRE(announce != pending.end());
  CHECK(room->id < announce->id);
  CHECK(room->channel == announce->channel);  // one lane: the channel comes first
  auto payload = nlohmann::json::parse(room->payload);
  CHECK(payload["name"] == "inc-" + std::to_string(out.opened[0]) + "-db-down-on-db-1");
  CHECK(payload["people"] == nlohmann::json::array({"U0ALICE"}));  // alice is on call
  CHECK(payload["at_page"] == true);
}

TEST_CASE("without incident_rooms: channel a page queues no channel", "[unit][rooms]") {
  handler_fixture f;
  f.incident_announced_at("1700000000.000100");
  CHECK(f.effects_of_kind(effect_kind::open_room).empty());
}

TEST_CASE("/oncall channel queues a channel once and refuses what cannot be", "[unit][rooms]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000000.000100");
  auto reply = f.say(alice, "channel " + std::to_string(id));
  CHECK(contains(reply, "#inc-" + std::to_string(id) + "-alert-1700000000-000100"));
  REQUIRE(f.effects_of_kind(effect_kind::open_room).size() == 1);
  auto before = f.footprint();
  f.engine.room_opened({id, "C0ROOM", "inc-1-x"}, false);
  CHECK(contains(f.say(alice, "channel " + std::to_string(id)), "has its channel already"));
  CHECK(contains(f.say(alice, "channel 99"), "there is no incident #99"));
  CHECK(contains(f.say(stranger, "channel 1"), "not in oncallbot's people list"));
  CHECK(f.effects_of_kind(effect_kind::open_room).size() == 1);
  (void)before;

  handler_fixture g(channel_rooms());
  g.incident_announced_at("1700000000.000200");
  CHECK(contains(g.say(alice, "channel 1"), "own channel already"));
}

TEST_CASE("a dedicated channel is the room: every message in it is in the timeline", "[unit][rooms]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000000.000100");
  f.engine.room_opened({id, "C0ROOM", "inc-1-x"}, false);
  // The room gets an intro; its posts go there from now on (the outbox looks the room up).
  CHECK(contains(plain_text(message_from_json(f.effects_of_kind(effect_kind::thread_post).back().payload)),
                 "now the room of"));
  CHECK(f.engine.capture(said_in("C0ROOM", "1700000001.000100", "checking the db")));
  CHECK(f.engine.capture(said_in("C0ROOM", "1700000001.000200", "in a thread", "1700000001.000100")));
  CHECK_FALSE(f.engine.capture(said_in("C0OTHER", "1700000001.000300", "elsewhere")));
  // The old thread is no longer the room.
  CHECK_FALSE(f.engine.capture(said_in(alerts_channel, "1700000001.000400", "late", "1700000000.000100")));
  CHECK(messages_of(f, id) == std::vector<std::string>{"checking the db", "in a thread"});
  auto rooms = f.engine.open_rooms();
  REQUIRE(rooms.size() == 1);
  CHECK(rooms[0] == room_ref{id, "C0ROOM", ""});
}

TEST_CASE("a dedicated channel read back after a gap adds what is missing, once", "[unit][rooms]") {
  handler_fixture f(channel_rooms());
  auto out = f.engine.ingest(batch("g1", {firing("fp1", "db down")}, "DB down"));
  auto id = out.opened.front();
  f.engine.room_opened({id, "C0ROOM", "inc-1-db-down"}, true);
  f.announced(id, "C0ROOM", "1700000000.000100");  // the announcement went into the channel
  REQUIRE(f.engine.capture(said_in("C0ROOM", "1700000001.000100", "first")));
  std::vector<room_message> history = {
      {"1700000000.000100", "U0BOT", "the announcement", test_start(), std::nullopt},
      {"1700000001.000100", "U0ALICE", "first", test_start(), std::nullopt},
      {"1700000002.000100", "U0BOB", "said while away", test_start() + std::chrono::seconds(5), std::nullopt}};
  CHECK(f.engine.backfill({id, "C0ROOM", ""}, history, true) == 1);
  CHECK(f.engine.backfill({id, "C0ROOM", ""}, history, true) == 0);
  CHECK(messages_of(f, id) == std::vector<std::string>{"first", "said while away"});
}

TEST_CASE("a channel opened at the page points the alerts channel to it", "[unit][rooms]") {
  handler_fixture f(channel_rooms());
  auto id = f.engine.ingest(batch("g1", {firing("fp1", "db down")}, "DB down")).opened.front();
  f.engine.room_opened({id, "C0ROOM", "inc-1-db-down"}, true);
  auto links = f.effects_of_kind(effect_kind::channel_post);
  REQUIRE(links.size() == 1);
  CHECK(links[0].channel == f.engine.cfg().chat.alerts_channel);
  CHECK(contains(plain_text(message_from_json(links[0].payload)), "#inc-1-db-down"));
  REQUIRE(f.engine.room_of(id));
  CHECK(f.engine.room_of(id)->channel == "C0ROOM");
}

TEST_CASE("a channel that could not be made leaves the thread as the room, and says so", "[unit][rooms]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000000.000100");
  f.engine.room_failed(id, "inc-1-x", "restricted_action");
  CHECK_FALSE(f.engine.room_of(id));
  auto line = plain_text(message_from_json(f.effects_of_kind(effect_kind::thread_post).back().payload));
  CHECK(contains(line, "Could not create the channel"));
  CHECK(contains(line, "restricted_action"));
  CHECK(contains(line, "this thread is the incident room"));
  CHECK(f.engine.capture(said_in(alerts_channel, "1700000001.000100", "still here", "1700000000.000100")));
}
