// incident_rooms: channel on the real binary, on both platforms: a page gets its own channel
// inc-<id>-<slug> with the paged person in it, the announcement is posted there and linked from
// the alerts channel, and what people say in the channel is in /oncall timeline.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

const char* page_body = R"({"title":"Checkout latency","severity":"critical","dedup_key":"checkout-latency"})";
const char* room_name = "inc-1-checkout-latency";

// The generated config with `incident_rooms: channel` in its chat section.
void use_channel_rooms(bot& b) {
  std::ifstream in(b.config_path());
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  auto at = yaml.find("chat:\n");
  REQUIRE(at != std::string::npos);
  yaml.insert(at + 6, "  incident_rooms: channel\n");
  std::ofstream(b.config_path(), std::ios::trunc) << yaml;
}

// Usernames (Mattermost) or user ids (Slack) of the room channel's members; empty before it exists.
std::vector<std::string> room_members(slack_world& w) {
  const json channels = w.sim.get("/_sim/channels")["channels"];
  for (const auto& ch : channels) {
    if (ch["name"] == room_name) return ch["members"].get<std::vector<std::string>>();
  }
  return {};
}
std::vector<std::string> room_members(mattermost_world& w) {
  std::map<std::string, std::string> names;
  const json users = w.sim.get("/_sim/mattermost/users")["users"];
  for (const auto& u : users) names[u["id"]] = u["username"];
  const json channels = w.sim.get("/_sim/mattermost/channels")["channels"];
  for (const auto& ch : channels) {
    if (ch["name"] != room_name) continue;
    std::vector<std::string> out;
    for (const auto& id : ch["members"]) out.push_back(names[id.get<std::string>()]);
    return out;
  }
  return {};
}

void say_in_room(slack_world& w, const std::string& text) {
  REQUIRE(w.sim.post("/_sim/slack/message", {{"user", "alice"}, {"channel", room_name}, {"text", text}}).value("ok", false));
}
void say_in_room(mattermost_world& w, const std::string& text) {
  REQUIRE(w.sim.post("/_sim/mattermost/message", {{"user", "alice"}, {"channel", room_name}, {"message", text}})
              .value("ok", false));
}

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

TEMPLATE_TEST_CASE("a page with incident_rooms: channel gets its own channel, and it is the room",
                   "[integration][rooms]", ONCALL_PLATFORMS) {
  TestType w("incident-channel");
  use_channel_rooms(w.b);
  w.start();
  REQUIRE(w.b.wait_ready());
  REQUIRE(w.b.post("/webhooks/generic", page_body)->status == 200);

  // The channel, with the bot and the person on call (alice) in it.
  const bool slack = w.chat.name() == "slack";
  std::vector<std::string> members;
  CHECK(eventually([&] {
    members = room_members(w);
    return has(members, slack ? "U0ALICE" : "alice");
  }, std::chrono::seconds(15)));
  CHECK(has(members, slack ? "U0BOT" : "oncallbot"));

  // The announcement with its buttons is there; the alerts channel links to it.
  REQUIRE(eventually([&] { return w.chat.top_level(room_name).size() == 1; }, std::chrono::seconds(15)));
  CHECK(w.chat.has_button(w.chat.top_level(room_name)[0], "ack"));
  REQUIRE(eventually([&] {
    for (const auto& m : w.chat.bot_messages("alerts")) {
      if (m.text.find(std::string("#") + room_name) != std::string::npos) return true;
    }
    return false;
  }, std::chrono::seconds(15)));

  // Talk in the channel, top level, is the incident's timeline.
  say_in_room(w, "db failover started");
  std::string timeline;
  CHECK(eventually([&] {
    timeline = w.chat.command("alice", "alerts", "timeline 1").reply;
    return timeline.find("db failover started") != std::string::npos;
  }, std::chrono::seconds(15)));
  INFO(timeline);
}
