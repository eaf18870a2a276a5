// Shift handovers on the real binary, with 10-second shifts: a handover with the shift's summary
// appears in the handover channel at each handoff, an unaccepted one reminds the incoming person
// and then tells the outgoing one, and "I have it" stops the reminders.
#include <catch2/catch.hpp>

#include <thread>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

// alice and bob alternate every 10 s (the start is a whole 10 s in the past); reminders after 4 s.
const char* fast_rotation = R"(schedules:
  - name: primary
    timezone: UTC
    start: 2026-01-05T09:00:00Z
    shift: 10s
    members: [alice, bob]
    handover_channel: "#oncall"
    handover_accept: 4s
)";

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::vector<chat_message> with_text(chat_view& chat, const std::string& channel, const std::string& needle) {
  std::vector<chat_message> out;
  for (auto& m : chat.top_level(channel)) {
    if (contains(m.text, needle)) out.push_back(m);
  }
  return out;
}

// The incoming person of a handover: the one mentioned right after the arrow.
std::string incoming_of(chat_view& chat, const chat_message& m) {
  auto arrow = m.text.find("→");
  REQUIRE(arrow != std::string::npos);
  std::string nearest;
  auto nearest_at = std::string::npos;
  for (const char* person : {"alice", "bob"}) {
    auto at = m.text.find(chat.mention(person), arrow);
    if (at < nearest_at) {
      nearest_at = at;
      nearest = person;
    }
  }
  REQUIRE(!nearest.empty());
  return nearest;
}

}  // namespace

TEMPLATE_TEST_CASE("a handover with the shift summary appears at each handoff and an unaccepted one reminds",
                   "[integration][handover]", ONCALL_PLATFORMS) {
  TestType w("handover", {}, bot_options{"", "", fast_rotation});
  w.start();
  REQUIRE(w.b.wait_ready());
  REQUIRE(w.b.post("/webhooks/generic", R"({"title":"Disk full","severity":"warning","dedup_key":"disk"})")->status == 200);
  REQUIRE(eventually([&] { return w.chat.top_level("alerts").size() == 1; }));

  // The first handoff comes within one shift; its summary counts the page above.
  REQUIRE(eventually([&] { return with_text(w.chat, "oncall", "Shift handover for primary").size() == 1; },
                     std::chrono::seconds(12)));
  auto first = with_text(w.chat, "oncall", "Shift handover for primary")[0];
  CHECK(contains(first.text, w.chat.mention("alice")));
  CHECK(contains(first.text, w.chat.mention("bob")));
  CHECK(contains(first.text, "1 opened, 0 resolved, 1 still open"));
  CHECK(contains(first.text, "Disk full"));
  CHECK(w.chat.has_button(first, "handover_accept"));
  const auto first_incoming = incoming_of(w.chat, first);

  // Nobody presses "I have it": the incoming person is reminded after 4 s, the outgoing one told
  // after 4 s more.
  REQUIRE(eventually([&] { return with_text(w.chat, "oncall", "Reminder:").size() == 1; }, std::chrono::seconds(6)));
  CHECK(contains(with_text(w.chat, "oncall", "Reminder:")[0].text, w.chat.mention(first_incoming)));
  REQUIRE(eventually([&] { return with_text(w.chat, "oncall", "nobody has confirmed").size() == 1; },
                     std::chrono::seconds(6)));

  // The next handoff goes the other way; pressing "I have it" stops its reminders.
  REQUIRE(eventually([&] { return with_text(w.chat, "oncall", "Shift handover for primary").size() == 2; },
                     std::chrono::seconds(6)));
  auto second = with_text(w.chat, "oncall", "Shift handover for primary")[1];
  const auto second_incoming = incoming_of(w.chat, second);
  CHECK(second_incoming != first_incoming);
  CHECK(w.chat.click(second_incoming, "oncall", second.ref, "handover_accept").answered);
  REQUIRE(eventually([&] { return with_text(w.chat, "oncall", "has the pager for primary").size() == 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(5000));
  CHECK(with_text(w.chat, "oncall", "Reminder:").size() == 1);
}

TEMPLATE_TEST_CASE("only the incoming person can press I have it",
                   "[integration][handover]", ONCALL_PLATFORMS) {
  TestType w("handover-accept", {}, bot_options{"", "", fast_rotation});
  w.start();
  REQUIRE(w.b.wait_ready());
  REQUIRE(eventually([&] { return with_text(w.chat, "oncall", "Shift handover for primary").size() == 1; },
                     std::chrono::seconds(12)));
  auto first = with_text(w.chat, "oncall", "Shift handover for primary")[0];
  const auto incoming = incoming_of(w.chat, first);
  const auto outgoing = incoming == "alice" ? "bob" : "alice";
  auto refused = w.chat.click(outgoing, "oncall", first.ref, "handover_accept");
  CHECK(refused.answered);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(with_text(w.chat, "oncall", "has the pager").empty());
}
