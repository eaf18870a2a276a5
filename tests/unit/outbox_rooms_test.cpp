// The outbox creating dedicated incident channels against a scripted chat platform: the channel
// before the announcement, a numbered name when taken, the people invited, the announcement in
// the channel and a link in the alerts channel; the thread as the room when creation fails.
#include <catch2/catch.hpp>

#include "outbox_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

config channel_rooms() {
  auto c = demo_config();
  c.chat.incident_rooms = incident_room_mode::channel;
  return c;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("a page with incident_rooms: channel opens the channel, announces there and links it",
          "[unit][outbox][rooms]") {
  outbox_fixture f(channel_rooms());
  f.chat.taken_names = {"inc-1-db-down"};
  auto id = f.engine.ingest(batch("g1", {firing("fp1", "db down")}, "DB down")).opened.front();
  f.drain();
  CHECK(f.chat.created == std::vector<std::string>{"inc-1-db-down", "inc-1-db-down-2"});
  CHECK(f.chat.invited == std::vector<std::string>{"U0ALICE"});
  auto room = f.engine.room_of(id);
  REQUIRE(room);
  CHECK(room->channel == "C0ROOM");
  CHECK(room->name == "inc-1-db-down-2");
  // The announcement went into the channel, and the alerts channel got the link after it.
  auto inc = f.get(id);
  CHECK(inc.channel == "C0ROOM");
  REQUIRE(f.chat.posted_to.size() >= 2);
  CHECK(f.chat.posted_to[0] == "C0ROOM");
  bool linked = false;
  for (std::size_t i = 0; i < f.chat.posts.size(); ++i) {
    if (f.chat.posted_to[i] == f.engine.cfg().chat.alerts_channel && contains(f.chat.posts[i], "#inc-1-db-down-2")) {
      linked = true;
    }
  }
  CHECK(linked);
}

TEST_CASE("a channel that cannot be created leaves the announcement's thread as the room",
          "[unit][outbox][rooms]") {
  outbox_fixture f(channel_rooms());
  f.chat.refuse_channels = true;
  auto id = f.engine.ingest(batch("g1", {firing("fp1", "db down")}, "DB down")).opened.front();
  f.drain();
  CHECK_FALSE(f.engine.room_of(id));
  auto inc = f.get(id);
  CHECK(inc.channel == f.engine.cfg().chat.alerts_channel);  // announced where it always is
  bool told = false;
  for (const auto& p : f.chat.posts) told = told || contains(p, "this thread is the incident room");
  CHECK(told);
}

TEST_CASE("room posts and uploads go to the dedicated channel, top level", "[unit][outbox][rooms]") {
  outbox_fixture f;
  auto id = f.incident_announced_at("1700000000.000100");
  f.say(alice, "channel " + std::to_string(id));
  f.drain();
  REQUIRE(f.engine.room_of(id));
  f.say(alice, "status #" + std::to_string(id) + " failover running");
  REQUIRE(f.engine.upload_to_room(id, alice, room_file{"postmortem-1-x.md", "Postmortem draft", "# Draft\n", ""}));
  f.drain();
  CHECK(f.chat.posted_to.back() == "C0ROOM");
  REQUIRE(f.chat.uploads.size() == 1);
  CHECK(f.chat.uploads[0].channel == "C0ROOM");
  CHECK(f.chat.uploads[0].thread_ref.empty());
}
