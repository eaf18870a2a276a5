// Flapping on the real binary: an alert that fires and resolves again and again pages three times
// (the third incident is where it is recognised), then stays one open incident marked flapping on
// its announcement, without new announcements or pages.
#include <catch2/catch.hpp>

#include <thread>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

std::string generic(const std::string& status) {
  return json{{"title", "Disk latency high"}, {"dedup_key", "disk-latency"}, {"severity", "warning"},
              {"status", status}}.dump();
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEMPLATE_TEST_CASE("a flapping alert is shown as flapping instead of paging each time",
                   "[integration][flapping]", ONCALL_PLATFORMS) {
  TestType w("flapping");
  w.start();
  REQUIRE(w.b.wait_ready());
  // Three firing/resolved cycles (the 6th change: flapping), then four more changes.
  for (int i = 0; i < 10; ++i) {
    REQUIRE(w.b.post("/webhooks/generic", generic(i % 2 == 0 ? "firing" : "resolved"))->status == 200);
  }
  CHECK(w.b.count("incidents") == 3);
  CHECK(w.b.timeline(2, "resolve").size() == 1);  // two cycles are ordinary resolves
  REQUIRE(eventually([&] {
    auto top = w.chat.top_level("alerts");
    return top.size() == 3 && contains(top.back().text, "Flapping");
  }, std::chrono::seconds(10)));
  CHECK(contains(w.chat.top_level("alerts").back().text, "Triggered"));  // kept open
  CHECK(w.b.timeline(3, "flapping").size() == 3);  // recognised, then resolved again twice
  // Paged three times (the three incidents), not once per firing.
  REQUIRE(eventually([&] { return w.chat.direct_messages("alice").size() == 3; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  CHECK(w.chat.direct_messages("alice").size() == 3);
  CHECK(w.chat.top_level("alerts").size() == 3);
}
