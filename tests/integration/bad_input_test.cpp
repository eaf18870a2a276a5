// Bad input at every door gets a clear error and changes nothing: storage row counts and the
// chat channel are compared before and after.
#include <catch2/catch.hpp>

#include "harness.hpp"
#include "slack_view.hpp"

using namespace oncall::testing;

namespace {

struct state_snapshot {
  std::int64_t incidents, alerts, timeline, effects;
  std::size_t messages;
  bool operator==(const state_snapshot&) const = default;
};

state_snapshot snapshot(bot& b, chatsim& sim) {
  return {b.count("incidents"), b.count("alerts"), b.count("timeline"), b.count("effects"),
          sim.messages("alerts").size()};
}

std::string error_of(const httplib::Result& res) {
  auto body = json::parse(res->body, nullptr, false);
  return body.is_object() ? body.value("error", "") : "";
}

}  // namespace

TEST_CASE("bad webhook input gets a 4xx with a JSON error that names the problem, and changes nothing",
          "[integration]") {
  scratch_dir dir("bad-input");
  chatsim sim(dir.path());
  bot b(dir.path(), sim);
  b.start();
  REQUIRE(b.wait_ready());
  auto before = snapshot(b, sim);

  SECTION("malformed JSON") {
    auto res = b.post("/webhooks/alertmanager", "{\"receiver\": \"x\", ");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(contains(error_of(res), "not valid JSON"));
  }
  SECTION("wrong content type") {
    auto res = b.post("/webhooks/generic", R"({"title":"x","dedup_key":"y"})", "text/plain");
    REQUIRE(res);
    CHECK(res->status == 415);
    CHECK(contains(error_of(res), "Content-Type: application/json"));
  }
  SECTION("missing fields") {
    auto res = b.post("/webhooks/generic", R"({"title":"disk full"})");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(contains(error_of(res), "dedup_key"));
    auto am = b.post("/webhooks/alertmanager",
                     R"({"version":"4","status":"firing","groupKey":"g","alerts":[{"status":"firing","labels":{"alertname":"A"},"annotations":{},"startsAt":"2026-11-24T04:56:36.846Z","endsAt":"0001-01-01T00:00:00Z"}]})");
    REQUIRE(am);
    CHECK(am->status == 400);
    CHECK(contains(error_of(am), "fingerprint"));
  }
  SECTION("a body over http.max_body (16 MB by default)") {
    std::string big = R"({"title":"x","dedup_key":"y","labels":{"pad":")" + std::string(17 * 1024 * 1024, 'a') + "\"}}";
    auto res = b.post("/webhooks/generic", big);
    REQUIRE(res);
    CHECK(res->status == 413);
    CHECK(contains(error_of(res), "max_body"));
  }
  SECTION("a wrong token, and no token") {
    auto wrong = b.post("/webhooks/generic", R"({"title":"x","dedup_key":"y"})", "application/json", "not-the-token");
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    CHECK(contains(error_of(wrong), "webhook_tokens"));
    auto none = b.post("/webhooks/generic", R"({"title":"x","dedup_key":"y"})", "application/json", "");
    REQUIRE(none);
    CHECK(none->status == 401);
  }
  CHECK(snapshot(b, sim) == before);
}

TEST_CASE("an unknown subcommand, a bad id and an unknown user get an ephemeral error and change nothing",
          "[integration]") {
  scratch_dir dir("bad-command");
  chatsim sim(dir.path());
  bot b(dir.path(), sim);
  b.start();
  REQUIRE(b.wait_ready());
  auto before = snapshot(b, sim);

  auto unknown = sim.command("U0ALICE", "alerts", "frobnicate 7");
  REQUIRE(unknown.value("acked", false));
  auto said = unknown["ack_payload"].dump();
  CHECK(contains(said, "Unknown command"));
  CHECK(contains(said, "/oncall help"));
  CHECK(unknown["ack_payload"].value("response_type", "") == "ephemeral");

  auto bad_id = sim.command("U0ALICE", "alerts", "ack 99");
  CHECK(contains(bad_id["ack_payload"].dump(), "no incident #99"));
  CHECK(contains(bad_id["ack_payload"].dump(), "/oncall ack [ID]"));

  auto stranger = sim.command("U0EVE", "alerts", "page something broke");
  CHECK(contains(stranger["ack_payload"].dump(), "not in oncallbot's people list"));

  auto quote = sim.command("U0ALICE", "alerts", "page \"unclosed");
  CHECK(contains(quote["ack_payload"].dump(), "quote is not closed"));

  CHECK(snapshot(b, sim) == before);
}
