// /oncall postmortem typed against the real engine and an in-memory store: the Markdown draft
// is queued as an upload for the incident room (its own outbox lane), the reply comes at once,
// bad input changes nothing, and a given-up upload is told in the room in one line.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "bot/chat/message_codec.hpp"
#include "bot/chat/room_file_codec.hpp"
#include "bot/report/postmortem.hpp"
#include "handler_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("postmortem queues the Markdown draft for the incident room and answers at once",
          "[unit][postmortem]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000000.000100");
  f.say(alice, "note #" + std::to_string(id) + " checkout pods restarted");
  // The draft as it is when the command runs (the command's own timeline entry comes after).
  auto draft = render_postmortem(f.store, *f.cfg, id, postmortem_format::markdown, f.clock.now());
  REQUIRE(draft);
  auto reply = f.say(alice, "postmortem " + std::to_string(id));
  auto inc = f.get(id);
  const auto name = postmortem_file_name(inc, postmortem_format::markdown);
  CHECK(contains(reply, name));
  CHECK(contains(reply, inc.display_id()));
  auto uploads = f.effects_of_kind(effect_kind::upload);
  REQUIRE(uploads.size() == 1);
  auto file = room_file_from_json(uploads[0].payload);
  CHECK(file.filename == name);
  CHECK(file.content == *draft);
  CHECK(contains(file.content, "checkout pods restarted"));
  CHECK(contains(file.comment, "alice"));
  // Its own lane: a slow upload never holds up the room's messages.
  CHECK(uploads[0].channel != f.engine.cfg().chat.alerts_channel);
  CHECK(uploads[0].incident_id == id);
  CHECK(f.timeline_kinds(id).back() == "upload");
}

TEST_CASE("postmortem without an id takes the only incident of the channel, twice means two uploads",
          "[unit][postmortem]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000000.000100");
  f.say(alice, "postmortem");
  f.say(bob, "postmortem");
  auto uploads = f.effects_of_kind(effect_kind::upload);
  REQUIRE(uploads.size() == 2);
  CHECK(uploads[0].incident_id == id);
  CHECK(uploads[0].key != uploads[1].key);
}

TEST_CASE("postmortem of an unknown or absent incident says so and changes nothing", "[unit][postmortem]") {
  handler_fixture f;
  auto before = f.footprint();
  CHECK(contains(f.say(alice, "postmortem 99"), "there is no incident #99"));
  CHECK(contains(f.say(alice, "postmortem"), "no incident is open in this channel"));
  CHECK(contains(f.say(alice, "postmortem 1 2"), "at most an incident id"));
  CHECK(contains(f.say(alice, "postmortem x"), "Usage"));
  f.incident_announced_at("1700000000.000100");
  auto with_incident = f.footprint();
  CHECK(contains(f.say(stranger, "postmortem 1"), "not in oncallbot's people list"));
  CHECK(f.footprint() == with_incident);
  CHECK(before != with_incident);
  CHECK(f.effects_of_kind(effect_kind::upload).empty());
}

TEST_CASE("postmortem of a resolved incident still uploads its draft", "[unit][postmortem]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000000.000100");
  REQUIRE(f.engine.resolve(id, alice, "fixed"));
  f.say(alice, "postmortem #" + std::to_string(id));
  CHECK(f.effects_of_kind(effect_kind::upload).size() == 1);
}

TEST_CASE("an upload given up on is told in the room in one line, with the way out", "[unit][postmortem]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000000.000100");
  auto posts_before = f.effects_of_kind(effect_kind::thread_post).size();
  f.engine.upload_failed(id, "postmortem-1-x.md", "file_uploads_disabled");
  auto posts = f.effects_of_kind(effect_kind::thread_post);
  REQUIRE(posts.size() == posts_before + 1);
  auto line = plain_text(message_from_json(posts.back().payload));
  CHECK(contains(line, "postmortem-1-x.md"));
  CHECK(contains(line, "file_uploads_disabled"));
  CHECK(contains(line, "/oncall postmortem"));
  CHECK(line.find('\n') == std::string::npos);
  CHECK(contains(f.store.timeline(id).back().text, "could not upload"));
}

TEST_CASE("postmortem with postmortems.git commits the draft and says so; a failure is said, the upload still goes",
          "[unit][postmortem]") {
  char name[] = "/tmp/oncallbot-pm-cmd-XXXXXX";
  const std::string dir = mkdtemp(name);
  auto c = demo_config();
  c.postmortems.git = true;
  c.postmortems.dir = dir + "/drafts";
  handler_fixture f(c);
  auto id = f.incident_announced_at("1700000000.000100");
  auto reply = f.say(alice, "postmortem " + std::to_string(id));
  const auto file = dir + "/drafts/" + postmortem_file_name(f.get(id), postmortem_format::markdown);
  CHECK(contains(reply, "Git: committed"));
  CHECK(std::filesystem::exists(file));
  CHECK(std::filesystem::exists(dir + "/drafts/.git"));

  // A folder that cannot be made: the reply says the commit failed, the upload is queued anyway.
  auto broken = demo_config();
  broken.postmortems.git = true;
  broken.postmortems.dir = file + "/cannot-be-a-folder";
  handler_fixture g(broken);
  auto other = g.incident_announced_at("1700000000.000200");
  CHECK(contains(g.say(alice, "postmortem " + std::to_string(other)), "not committed to git"));
  CHECK(g.effects_of_kind(effect_kind::upload).size() == 1);
  std::filesystem::remove_all(dir);
}
