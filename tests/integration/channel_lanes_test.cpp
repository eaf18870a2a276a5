// Per-channel lanes on the real binary: while chat rate-limits every post to one channel (429
// with Retry-After, again and again), pages routed to another channel are posted at once, and
// the held-back channel gets all of its messages, in order, once the limit lifts.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

// Payments pages go to #general, everything else to the alerts channel.
const char* routes_yaml =
    "routes:\n"
    "  - {match: {team: payments}, policy: default, channel: general}\n"
    "  - policy: default\n";

void use_routes(bot& b, const std::string& routes) {
  std::ifstream in(b.config_path());
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  const std::string default_routes = "routes:\n  - policy: default\n";
  auto at = yaml.find(default_routes);
  REQUIRE(at != std::string::npos);
  yaml.replace(at, default_routes.size(), routes);
  std::ofstream(b.config_path()) << yaml;
}

// The platform's "post a message" call, as chatsim's faults name it.
std::string post_method(const chat_view& chat) {
  return chat.name() == "slack" ? "chat.postMessage" : "POST /api/v4/posts";
}

int rate_limited(chatsim& sim, const chat_view& chat) {
  auto stats = sim.get("/_sim/stats");
  return stats.value(chat.name() == "slack" ? "rate_limited" : "mattermost_rate_limited", 0);
}

std::string page(const std::string& title, const std::string& team) {
  json body{{"title", title}, {"dedup_key", title}, {"severity", "error"}};
  if (!team.empty()) body["labels"] = {{"team", team}};
  return body.dump();
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEMPLATE_TEST_CASE("a rate-limited channel never delays pages to another channel, and keeps its order",
                   "[integration][lanes]", ONCALL_PLATFORMS) {
  TestType w("lanes");
  use_routes(w.b, routes_yaml);
  w.start();
  REQUIRE(w.b.wait_ready());
  // Every post to the alerts channel gets 429 Retry-After: 1 until the faults are cleared.
  w.sim.post("/_sim/faults", {{"method", post_method(w.chat)}, {"mode", "ratelimit"}, {"channel", "alerts"}});

  REQUIRE(w.b.post("/webhooks/generic", page("Disk full on db-1", ""))->status == 200);
  REQUIRE(w.b.post("/webhooks/generic", page("Replica lag on db-2", ""))->status == 200);
  REQUIRE(eventually([&] { return rate_limited(w.sim, w.chat) >= 1; }));
  REQUIRE(w.b.post("/webhooks/generic", page("Card payments failing", "payments"))->status == 200);

  // Channel B gets its page while channel A is still held back.
  REQUIRE(eventually([&] { return w.chat.top_level("general").size() == 1; }, std::chrono::seconds(5)));
  CHECK(contains(w.chat.top_level("general").at(0).text, "Card payments failing"));
  CHECK(w.chat.top_level("alerts").empty());
  const int limited_while_held = rate_limited(w.sim, w.chat);
  CHECK(limited_while_held >= 1);

  // The limit lifts: both of channel A's pages arrive, in the order they were raised.
  w.chat.clear_faults();
  REQUIRE(eventually([&] { return w.chat.top_level("alerts").size() == 2; }, std::chrono::seconds(10)));
  auto alerts = w.chat.top_level("alerts");
  CHECK(contains(alerts.at(0).text, "Disk full on db-1"));
  CHECK(contains(alerts.at(1).text, "Replica lag on db-2"));
  CHECK(w.b.count("effects") >= 3);
}
