// Escalation by the clock, on the real binary: unacked pages climb the policy's levels and
// repeat; an ack stops them; an ack lease pages again when it runs out; a due time that passed
// while the bot was down fires once at start.
#include <catch2/catch.hpp>

#include <thread>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

const char* fast_policy = R"(escalation_policies:
  - name: default
    levels:
      - {notify: ["schedule:primary"], after: 2s}
      - {notify: ["person:bob"], after: 2s}
    repeat: 1
)";

const char* page_body = R"({"title":"Queue backlog","severity":"error","dedup_key":"queue-backlog"})";

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

int count_in_thread(chat_view& chat, const std::string& needle) {
  auto top = chat.top_level("alerts");
  if (top.empty()) return 0;
  int n = 0;
  for (const auto& m : chat.replies("alerts", top[0].ref)) {
    if (contains(m.text, needle)) ++n;
  }
  return n;
}

template <typename World>
void page_and_wait_for_announcement(World& w) {
  REQUIRE(w.b.post("/webhooks/generic", page_body)->status == 200);
  REQUIRE(eventually([&] { return w.chat.top_level("alerts").size() == 1; }));
  // Kill tests must not hit the moment between the platform's answer and the commit of the
  // message ref (docs/decisions.md: that window repeats the post).
  REQUIRE(eventually([&] { return w.b.announcement_stored(1); }));
}

using clock_type = std::chrono::steady_clock;

}  // namespace

TEMPLATE_TEST_CASE("an unacked page escalates level by level, repeats, and stops at the end",
                   "[integration][escalation]", ONCALL_PLATFORMS) {
  TestType w("escalation", {}, bot_options{"", fast_policy});
  w.start();
  REQUIRE(w.b.wait_ready());
  auto paged_at = clock_type::now();
  page_and_wait_for_announcement(w);

  REQUIRE(eventually([&] { return count_in_thread(w.chat, "Escalated to level 2") == 1; }, std::chrono::seconds(6)));
  CHECK(clock_type::now() - paged_at >= std::chrono::milliseconds(1900));  // never early
  CHECK(count_in_thread(w.chat, w.chat.mention("bob")) >= 1);
  // repeat: 1 → back to level 1, then level 2 again, then no more.
  REQUIRE(eventually([&] { return count_in_thread(w.chat, "Escalated to level 2") == 2; }, std::chrono::seconds(8)));
  CHECK(count_in_thread(w.chat, "Escalated to level 1") == 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(3000));
  CHECK(count_in_thread(w.chat, "Escalated to level") == 3);

  // Each level also reached its people directly: alice at the page and the repeat of level 1,
  // bob at both level 2s.
  auto dms_with = [&](const std::string& person) {
    int n = 0;
    for (const auto& m : w.chat.direct_messages(person)) n += contains(m.text, "You are paged: #1") ? 1 : 0;
    return n;
  };
  CHECK(dms_with("alice") == 2);
  CHECK(dms_with("bob") == 2);
  CHECK(contains(w.chat.direct_messages("bob").at(0).text, "named in level 2 of policy default"));
  CHECK(dms_with("carol") == 0);
}

TEMPLATE_TEST_CASE("an ack stops escalation, and nothing escalates after a resolve",
                   "[integration][escalation]", ONCALL_PLATFORMS) {
  TestType w("ack-stops-escalation", {}, bot_options{"", fast_policy});
  w.start();
  REQUIRE(w.b.wait_ready());
  page_and_wait_for_announcement(w);
  REQUIRE(w.chat.command("alice", "alerts", "ack 1").answered);
  std::this_thread::sleep_for(std::chrono::milliseconds(3000));
  CHECK(count_in_thread(w.chat, "Escalated to level") == 0);

  REQUIRE(w.chat.command("alice", "alerts", "escalate 1 need the database team").answered);
  REQUIRE(eventually([&] { return count_in_thread(w.chat, "Escalated to level 2") == 1; }));
  REQUIRE(w.chat.command("bob", "alerts", "resolve 1").answered);
  std::this_thread::sleep_for(std::chrono::milliseconds(3000));
  CHECK(count_in_thread(w.chat, "Escalated to level") == 1);
}

TEMPLATE_TEST_CASE("an ack lease pages again when it runs out, and not after a resolve",
                   "[integration][escalation]", ONCALL_PLATFORMS) {
  TestType w("ack-lease", {}, bot_options{"", fast_policy});
  w.start();
  REQUIRE(w.b.wait_ready());
  page_and_wait_for_announcement(w);
  auto reply = w.chat.command("alice", "alerts", "ack 1 for 2s");
  REQUIRE(reply.answered);
  CHECK(contains(reply.reply, "for 2s"));
  REQUIRE(eventually([&] { return count_in_thread(w.chat, "ack lease ended") == 1; }, std::chrono::seconds(5)));

  REQUIRE(w.chat.command("alice", "alerts", "ack 1 for 2s").answered);
  REQUIRE(w.chat.command("alice", "alerts", "resolve 1").answered);
  std::this_thread::sleep_for(std::chrono::milliseconds(3000));
  CHECK(count_in_thread(w.chat, "ack lease ended") == 1);
}

TEMPLATE_TEST_CASE("an escalation that came due while the bot was down fires exactly once at start",
                   "[integration][escalation][fault]", ONCALL_PLATFORMS) {
  TestType w("escalation-restart", {}, bot_options{"", fast_policy});
  w.start();
  REQUIRE(w.b.wait_ready());
  page_and_wait_for_announcement(w);
  w.b.kill9();
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // level 1's 2 s pass while down

  w.start();
  REQUIRE(w.b.wait_ready());
  // Within a second of start is the goal (tests/bench measures it); here it must fire, once.
  if (!eventually([&] { return count_in_thread(w.chat, "Escalated to level 2") >= 1; }, std::chrono::seconds(10))) {
    FAIL("no escalation after the restart; the bot's log:\n" << w.b.log());
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  CHECK(count_in_thread(w.chat, "Escalated to level 2") == 1);
}
