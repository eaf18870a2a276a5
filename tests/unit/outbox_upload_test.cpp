// The outbox carrying out upload effects against a scripted chat platform: the file goes to the
// incident's room (channel and thread), failures are retried, and an upload that keeps failing
// is given up with one line in the room while the room's messages keep flowing.
#include <catch2/catch.hpp>

#include "outbox_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

// What /oncall postmortem queues, without the draft's renderer.
void queue_upload(outbox_fixture& f, std::int64_t id) {
  room_file file{"postmortem-" + std::to_string(id) + "-x.md", "Postmortem draft", "# Draft\n", "the draft"};
  REQUIRE(f.engine.upload_to_room(id, alice, file));
}

}  // namespace

TEST_CASE("an upload effect goes to the incident's room, in its thread", "[unit][outbox][upload]") {
  outbox_fixture f;
  auto id = f.incident_announced_at("1700000000.000100");
  queue_upload(f, id);
  f.drain();
  REQUIRE(f.chat.uploads.size() == 1);
  CHECK(f.chat.uploads[0].channel == alerts_channel);
  CHECK(f.chat.uploads[0].thread_ref == "1700000000.000100");
  CHECK(f.chat.uploads[0].file.filename.rfind("postmortem-" + std::to_string(id), 0) == 0);
  CHECK(f.effects_of_kind(effect_kind::upload).empty());
}

TEST_CASE("a failing upload is retried until it goes through, without a word in the room",
          "[unit][outbox][upload]") {
  outbox_fixture f;
  auto id = f.incident_announced_at("1700000000.000100");
  f.chat.failures_left = 3;
  queue_upload(f, id);
  f.drain();
  CHECK(f.chat.uploads.size() == 4);
  CHECK(f.effects_of_kind(effect_kind::upload).empty());
  for (const auto& p : f.chat.posts) CHECK(p.find("Could not upload") == std::string::npos);
}

TEST_CASE("an upload that keeps failing is given up and told in the room once", "[unit][outbox][upload]") {
  outbox_fixture f;
  auto id = f.incident_announced_at("1700000000.000100");
  f.chat.failures_left = 1000;
  queue_upload(f, id);
  f.drain();
  CHECK(f.chat.uploads.size() == 6);
  CHECK(f.effects_of_kind(effect_kind::upload).empty());
  int told = 0;
  for (const auto& p : f.chat.posts) told += p.find("Could not upload") != std::string::npos;
  CHECK(told == 1);
  // The incident itself is untouched: still open, and it can be resolved as ever.
  CHECK(f.engine.resolve(id, alice, "fixed"));
}
