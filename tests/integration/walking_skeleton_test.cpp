// End to end, on Slack and on Mattermost: a real Alertmanager pages through oncallbot into
// chatsim; responders ack with the slash command and with the button; Alertmanager's resolve
// resolves the incident.
#include <catch2/catch.hpp>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

json labels(const std::string& name) {
  return {{"alertname", name}, {"cluster", "prod"}, {"instance", "web-1:9100"}, {"severity", "critical"}};
}

json annotations(const std::string& name) {
  return {{"summary", name + " on web-1:9100"}, {"runbook_url", "https://runbooks.example.com/" + name}};
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The announcement of incident `id`: the bot's top-level message naming it.
std::optional<chat_message> announcement(chat_view& chat, int id) {
  for (auto& m : chat.top_level("alerts")) {
    if (contains(m.text, "#" + std::to_string(id) + " SEV")) return m;
  }
  return std::nullopt;
}

template <typename World>
bool thread_says(World& w, const std::string& ref, const std::string& a, const std::string& b = "") {
  for (const auto& m : w.chat.replies("alerts", ref)) {
    if (contains(m.text, a) && contains(m.text, b)) return true;
  }
  return false;
}

}  // namespace

TEMPLATE_TEST_CASE("an Alertmanager page is announced, acked by command and by button, and resolved by Alertmanager",
                   "[integration]", ONCALL_PLATFORMS) {
  if (!has_alertmanager()) {
    WARN("skipped: prometheus-alertmanager is not installed (scripts/setup installs it)");
    return;
  }
  TestType w("walking-skeleton");
  w.start();
  REQUIRE(w.b.wait_ready());
  alertmanager am(w.dir.path(), w.b.webhook_url("/webhooks/alertmanager"));

  am.fire(labels("HighCPU"), annotations("HighCPU"));
  REQUIRE(eventually([&] { return announcement(w.chat, 1).has_value(); }, std::chrono::seconds(15)));
  auto page = *announcement(w.chat, 1);
  CHECK(contains(page.text, "SEV1"));
  CHECK(contains(page.text, "HighCPU on web-1:9100"));
  CHECK(contains(page.text, w.chat.mention("alice")));  // on call in schedule primary, level 1
  CHECK(contains(page.text, "https://runbooks.example.com/HighCPU"));
  CHECK(w.chat.has_button(page, "ack"));
  CHECK(w.chat.has_button(page, "escalate"));
  CHECK(w.chat.has_button(page, "resolve"));

  SECTION("acked with /oncall ack") {
    auto reply = w.chat.command("alice", "alerts", "ack 1");
    REQUIRE(reply.answered);
    CHECK(contains(reply.reply, "You acknowledged"));
  }
  SECTION("acked with the Ack button") {
    auto reply = w.chat.click("alice", "alerts", page.ref, "ack");
    REQUIRE(reply.answered);
  }
  REQUIRE(eventually([&] { return contains(announcement(w.chat, 1)->text, "Acknowledged"); }));
  REQUIRE(eventually([&] { return thread_says(w, page.ref, "Acknowledged by", w.chat.mention("alice")); }));

  am.resolve(labels("HighCPU"), annotations("HighCPU"));
  REQUIRE(eventually([&] { return contains(announcement(w.chat, 1)->text, "Resolved"); },
                     std::chrono::seconds(15)));
  auto resolved = *announcement(w.chat, 1);
  CHECK(w.chat.has_button(resolved, "rate_actionable"));
  CHECK_FALSE(w.chat.has_button(resolved, "ack"));
  CHECK(w.b.count("incidents") == 1);
  CHECK(w.chat.top_level("alerts").size() == 1);  // updated in place, never reposted
}

TEMPLATE_TEST_CASE("alerts with the same dedup key join one open incident instead of paging again",
                   "[integration]", ONCALL_PLATFORMS) {
  TestType w("dedup");
  w.start();
  REQUIRE(w.b.wait_ready());
  auto body = [](const std::string& status) {
    return json{{"title", "Checkout latency"}, {"severity", "error"}, {"dedup_key", "checkout-latency"},
                {"status", status}, {"source", "synthetic"}}.dump();
  };
  REQUIRE(w.b.post("/webhooks/generic", body("firing"))->status == 200);
  REQUIRE(w.b.post("/webhooks/generic", body("firing"))->status == 200);
  REQUIRE(eventually([&] { return announcement(w.chat, 1).has_value(); }));
  CHECK(w.b.count("incidents") == 1);
  REQUIRE(w.b.post("/webhooks/generic", body("resolved"))->status == 200);
  REQUIRE(eventually([&] { return contains(announcement(w.chat, 1)->text, "Resolved"); }));
  REQUIRE(w.b.post("/webhooks/generic", body("firing"))->status == 200);
  REQUIRE(eventually([&] { return announcement(w.chat, 2).has_value(); }));  // a new page after resolve
  CHECK(w.b.count("incidents") == 2);
}

TEMPLATE_TEST_CASE("escalate and resolve from chat update the announcement and mention the next level",
                   "[integration]", ONCALL_PLATFORMS) {
  TestType w("escalate");
  w.start();
  REQUIRE(w.b.wait_ready());
  REQUIRE(w.chat.command("carol", "alerts", "page \"Database is on fire\" --sev 1").answered);
  REQUIRE(eventually([&] { return announcement(w.chat, 1).has_value(); }));
  auto page = *announcement(w.chat, 1);
  CHECK(contains(page.text, "Database is on fire"));

  REQUIRE(w.chat.click("carol", "alerts", page.ref, "escalate").answered);
  REQUIRE(eventually([&] { return thread_says(w, page.ref, "Escalated to level 2", w.chat.mention("bob")); }));
  auto resolved = w.chat.command("bob", "alerts", "resolve 1 fixed the disk");
  CHECK(contains(resolved.reply, "You resolved"));
  REQUIRE(eventually([&] { return contains(announcement(w.chat, 1)->text, "Resolved"); }));
  CHECK(contains(w.chat.command("bob", "alerts", "incidents").reply, "No open incidents"));
}
