// /oncall postmortem on the real binary, on both platforms: the Markdown draft arrives in
// chatsim as a file in the incident's thread with the draft's content, also when the upload
// fails a few times first; the command's reply never waits for it.
#include <catch2/catch.hpp>

#include <thread>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

const char* page_body = R"({"title":"Checkout latency","severity":"critical","dedup_key":"checkout-latency"})";

template <typename World>
std::string page(World& w) {
  REQUIRE(w.b.post("/webhooks/generic", page_body)->status == 200);
  REQUIRE(eventually([&] { return w.b.announcement_stored(1); }));
  return w.chat.top_level("alerts")[0].ref;
}

// The file the bot shared, as the room shows it: name, content, and the thread it is in.
struct shared_file {
  std::string name, content, thread;
};

std::optional<shared_file> room_file(slack_world& w) {
  const json files = w.sim.get("/_sim/slack/files")["files"];
  for (const auto& f : files) {
    if (f.value("completed", false) && !f.value("channel", "").empty()) {
      return shared_file{f["filename"], f["content"], f["thread_ts"]};
    }
  }
  return std::nullopt;
}

std::optional<shared_file> room_file(mattermost_world& w) {
  const json files = w.sim.get("/_sim/mattermost/files")["files"];
  for (const auto& f : files) {
    const std::string post_id = f.value("post_id", "");
    if (post_id.empty()) continue;
    const json posts = w.sim.get("/_sim/mattermost/channels/alerts/posts")["posts"];
    for (const auto& p : posts) {
      if (p.value("id", "") == post_id) return shared_file{f["name"], f["content"], p.value("root_id", "")};
    }
  }
  return std::nullopt;
}

void fail_uploads(slack_world& w, int times) {
  w.sim.post("/_sim/faults", {{"method", "upload_url"}, {"mode", "error500"}, {"count", times}});
}
void fail_uploads(mattermost_world& w, int times) {
  w.sim.post("/_sim/faults", {{"method", "POST /api/v4/files"}, {"mode", "error500"}, {"count", times}});
}

std::string room_message(slack_world& w, const std::string& root, const std::string& text) {
  return w.sim.post("/_sim/slack/message", {{"user", "alice"}, {"channel", "alerts"}, {"text", text}, {"thread_ts", root}})["ts"];
}
std::string room_message(mattermost_world& w, const std::string& root, const std::string& text) {
  return w.sim.post("/_sim/mattermost/message",
                    {{"user", "alice"}, {"channel", "alerts"}, {"message", text}, {"root_id", root}})["post"]["id"];
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEMPLATE_TEST_CASE("postmortem uploads the Markdown draft into the incident thread",
                   "[integration][postmortem]", ONCALL_PLATFORMS) {
  TestType w("postmortem-upload");
  w.start();
  REQUIRE(w.b.wait_ready());
  auto root = page(w);
  room_message(w, root, "rolled back the checkout deploy");
  REQUIRE(w.chat.command("alice", "alerts", "note #1 cache warmed up again").answered);
  fail_uploads(w, 2);  // the outbox retries; the room never hears of it

  auto answer = w.chat.command("alice", "alerts", "postmortem 1");
  REQUIRE(answer.answered);
  CHECK(contains(answer.reply, "postmortem-1"));

  std::optional<shared_file> file;
  REQUIRE(eventually([&] { return (file = room_file(w)).has_value(); }, std::chrono::seconds(20)));
  CHECK(file->thread == root);
  CHECK(file->name.rfind("postmortem-1", 0) == 0);
  CHECK(file->name.size() > 3);
  CHECK(file->name.substr(file->name.size() - 3) == ".md");
  CHECK(contains(file->content, "Checkout latency"));
  CHECK(contains(file->content, "cache warmed up again"));
  for (const auto& m : w.chat.bot_messages("alerts")) CHECK_FALSE(contains(m.text, "Could not upload"));
}

TEMPLATE_TEST_CASE("postmortem of an unknown incident says so and uploads nothing",
                   "[integration][postmortem]", ONCALL_PLATFORMS) {
  TestType w("postmortem-unknown");
  w.start();
  REQUIRE(w.b.wait_ready());
  auto answer = w.chat.command("alice", "alerts", "postmortem 7");
  REQUIRE(answer.answered);
  CHECK(contains(answer.reply, "there is no incident #7"));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK_FALSE(room_file(w).has_value());
}
