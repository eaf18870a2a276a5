// Overrides from chat on the real binary: /oncall override changes who is paged, what /oncall who
// says, and what `oncallbot who` prints from the same storage; a bad one changes nothing.
#include <catch2/catch.hpp>

#include <cstdio>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// What `oncallbot who --config FILE --at TIME` prints.
std::string who_at(const std::string& config_path, const std::string& at) {
  std::string command = std::string(ONCALLBOT_BINARY) + " who --config " + config_path + " --at " + at + " 2>&1";
  std::string out;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buf[512];
    while (fgets(buf, sizeof buf, p)) out += buf;
    pclose(p);
  }
  return out;
}

}  // namespace

TEMPLATE_TEST_CASE("an override taken in chat pages the person who took over",
                   "[integration][override]", ONCALL_PLATFORMS) {
  TestType w("override", {}, bot_options{});
  w.start();
  REQUIRE(w.b.wait_ready());
  auto bad = w.chat.command("alice", "alerts", "override @bob 2030-01-02T00:00:00Z 2030-01-01T00:00:00Z");
  CHECK(contains(bad.reply, "is not after the start"));
  CHECK(w.b.count("overrides") == 0);

  REQUIRE(w.chat.command("alice", "alerts", "override @bob now 2030-01-01T00:00:00Z").answered);
  REQUIRE(eventually([&] { return w.b.count("overrides") == 1; }));
  CHECK(contains(w.chat.command("carol", "alerts", "who").reply, w.chat.mention("bob")));
  CHECK(contains(who_at(w.b.config_path(), "2029-06-01T00:00:00Z"), "primary: bob"));
  CHECK(contains(who_at(w.b.config_path(), "2030-06-01T00:00:00Z"), "primary: alice"));

  REQUIRE(w.b.post("/webhooks/generic", R"({"title":"Cache cold","dedup_key":"cache"})")->status == 200);
  auto announcement = [&]() -> std::string {
    for (const auto& m : w.chat.top_level("alerts")) {
      if (contains(m.text, "Cache cold")) return m.text;
    }
    return {};
  };
  REQUIRE(eventually([&] { return !announcement().empty(); }));
  CHECK(contains(announcement(), w.chat.mention("bob")));
  REQUIRE(eventually([&] { return !w.chat.direct_messages("bob").empty(); }));
  CHECK(contains(w.chat.direct_messages("bob")[0].text, "on call for primary (override)"));
}
