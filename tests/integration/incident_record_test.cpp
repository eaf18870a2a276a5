// The incident record from chat on the real binary, on both platforms: sev, lead, status, note,
// cause, followup, followups and timeline; what the responder reads back, what the room and the
// announcement show, what is stored, and that bad input changes nothing.
#include <catch2/catch.hpp>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A reply as a person reads it: without the platform's markup and escapes (Slack's *bold*,
// `code`, &lt; and the JSON of the ack payload; Mattermost's **bold**, \[ \] and the zero-width
// space that keeps @mentions in text from notifying).
std::string visible(const std::string& reply) {
  std::string out;
  for (std::size_t i = 0; i < reply.size(); ++i) {
    if (reply.compare(i, 4, "&lt;") == 0) {
      out += '<';
      i += 3;
      continue;
    }
    if (reply.compare(i, 4, "&gt;") == 0) {
      out += '>';
      i += 3;
      continue;
    }
    if (reply.compare(i, 5, "&amp;") == 0) {
      out += '&';
      i += 4;
      continue;
    }
    if (reply.compare(i, 3, "\xE2\x80\x8B") == 0) {
      i += 2;
      continue;
    }
    if (reply[i] != '*' && reply[i] != '\\' && reply[i] != '`') out += reply[i];
  }
  return out;
}

std::optional<chat_message> announcement(chat_view& chat) {
  for (auto& m : chat.top_level("alerts")) {
    if (contains(m.text, "Checkout errors")) return m;
  }
  return std::nullopt;
}

bool room_says(chat_view& chat, const std::string& ref, const std::string& a,
               const std::string& b = "") {
  for (const auto& m : chat.replies("alerts", ref)) {
    if (contains(m.text, a) && contains(m.text, b)) return true;
  }
  return false;
}

}  // namespace

TEMPLATE_TEST_CASE(
    "responders record severity, lead, status, notes, cause and follow-ups, and read the timeline "
    "back",
    "[integration][notes]", ONCALL_PLATFORMS) {
  TestType w("incident-record");
  w.start();
  REQUIRE(w.b.wait_ready());
  REQUIRE(w.b.post("/webhooks/generic",
                   R"({"title":"Checkout errors","severity":"warning","dedup_key":"checkout"})")
              ->status == 200);
  REQUIRE(
      eventually([&] { return announcement(w.chat).has_value() && w.b.announcement_stored(1); }));
  const auto page = *announcement(w.chat);
  CHECK(contains(page.text, "SEV3"));
  auto say = [&](const std::string& who, const std::string& text) {
    auto answer = w.chat.command(who, "alerts", text);
    REQUIRE(answer.answered);
    return visible(answer.reply);
  };

  // sev, without an id: the only incident open in the channel.
  CHECK(contains(say("alice", "sev 1"), "#1 is now SEV1"));
  REQUIRE(eventually([&] { return contains(announcement(w.chat)->text, "SEV1"); }));
  REQUIRE(eventually(
      [&] { return room_says(w.chat, page.ref, "Severity set to", "by alice (was SEV3)"); }));

  CHECK(contains(say("alice", "lead @bob 1"), "is now the lead of #1"));
  REQUIRE(eventually([&] {
    return room_says(w.chat, page.ref, w.chat.mention("bob"), "is now the incident lead");
  }));
  REQUIRE(eventually([&] { return contains(announcement(w.chat)->text, "Lead"); }));

  CHECK(contains(say("alice", "status failing over to the replica, next update in 15m"),
                 "Posted your status update in the room of #1"));
  REQUIRE(eventually([&] {
    return room_says(w.chat, page.ref, "Status update",
                     "failing over to the replica, next update in 15m");
  }));

  CHECK(contains(say("bob", "note replica lag was 40s"), "Noted on the timeline of #1"));
  CHECK(contains(say("bob", "cause #1 deploy config push halved the pool"),
                 "Root cause of #1: deploy"));
  CHECK(contains(say("bob", "followup alert on pool saturation @carol"),
                 "Added follow-up F1 to #1, owned by"));
  CHECK(contains(say("bob", "followup write the failover runbook"), "Added follow-up F2 to #1."));
  CHECK(contains(say("alice", "followup done F2"), "Closed F2: write the failover runbook"));
  CHECK(w.b.count("followups") == 2);

  auto listed = say("carol", "followups");
  CHECK(contains(listed, "Follow-ups of #1: 1 open, 1 done"));
  CHECK(contains(listed, "F1 [open] alert on pool saturation"));
  CHECK(contains(listed, w.chat.mention("carol")));
  CHECK(contains(listed, "F2 [done] write the failover runbook"));

  // Bad input: says what is wrong, shows the usage, changes nothing.
  const auto timeline_rows = w.b.count("timeline");
  CHECK(contains(say("alice", "sev 9"), "severity must be 1 to 4"));
  CHECK(contains(say("alice", "lead @mallory"), "'@mallory' is not in oncallbot's people list"));
  CHECK(contains(say("alice", "cause dns"), "'dns' is not a root-cause category"));
  CHECK(contains(say("alice", "status"), "Usage: /oncall status [#ID] <text>"));
  CHECK(contains(say("alice", "followup fix it @mallory"),
                 "'@mallory' is not in oncallbot's people list"));
  CHECK(w.b.count("timeline") == timeline_rows);
  CHECK(w.b.count("followups") == 2);

  auto timeline = say("carol", "timeline");
  CHECK(contains(timeline, "Timeline of #1"));
  CHECK(contains(timeline, "severity alice: severity set to SEV1 by hand (was SEV3)"));
  CHECK(contains(timeline, "lead alice: lead is now bob"));
  CHECK(contains(timeline, "📌 status alice: failing over to the replica"));
  CHECK(contains(timeline, "note bob: replica lag was 40s"));
  CHECK(contains(timeline, "cause bob: deploy: config push halved the pool"));
  CHECK(contains(timeline, "followup bob: F1: alert on pool saturation (owner carol)"));
  CHECK(contains(timeline, "followup alice: F2 done: write the failover runbook"));

  CHECK(w.b.timeline(1, "severity") ==
        std::vector<std::string>{"severity set to SEV1 by hand (was SEV3)"});
  CHECK(w.b.timeline(1, "status") ==
        std::vector<std::string>{"failing over to the replica, next update in 15m"});
  CHECK(w.b.timeline(1, "cause") ==
        std::vector<std::string>{"deploy: config push halved the pool"});
  CHECK(w.chat.top_level("alerts").size() == 1);  // the announcement was updated in place
}
