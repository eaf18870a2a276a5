// GET /metrics on the real binary: the gauges follow the incidents, requests are counted, and a
// page and an ack move the alert, page, time-to-ack and chat API counters; 429s and a dropped
// socket move theirs.
#include <catch2/catch.hpp>

#include <type_traits>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEMPLATE_TEST_CASE("metrics count open and acknowledged incidents and webhook requests",
                   "[integration][metrics]", ONCALL_PLATFORMS) {
  TestType w("metrics", {}, bot_options{});
  w.start();
  REQUIRE(w.b.wait_ready());
  httplib::Client http("127.0.0.1", w.b.http_port());
  REQUIRE(w.b.post("/webhooks/generic", R"({"title":"Slow checkout","dedup_key":"slow"})")->status == 200);
  auto metrics = [&] {
    auto res = http.Get("/metrics");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(contains(res->get_header_value("Content-Type"), "text/plain"));
    return res->body;
  };
  auto first = metrics();
  CHECK(contains(first, "oncallbot_incidents_open 1\n"));
  CHECK(contains(first, "oncallbot_incidents_acknowledged 0\n"));
  CHECK(contains(first, "oncallbot_chat_connected 1\n"));
  CHECK(contains(first, "oncallbot_http_requests_total{path=\"/webhooks/generic\",status=\"200\"} 1\n"));

  REQUIRE(w.chat.command("alice", "alerts", "ack 1").answered);
  CHECK(contains(metrics(), "oncallbot_incidents_acknowledged 1\n"));
}

TEMPLATE_TEST_CASE("metrics count alerts by source, pages, time to ack and chat API calls",
                   "[integration][metrics]", ONCALL_PLATFORMS) {
  TestType w("metrics_page", {}, bot_options{});
  w.start();
  REQUIRE(w.b.wait_ready());
  httplib::Client http("127.0.0.1", w.b.http_port());
  auto metrics = [&] {
    auto res = http.Get("/metrics");
    REQUIRE(res);
    return res->body;
  };
  const auto before = metrics();
  CHECK(contains(before, "oncallbot_alerts_received_total{source=\"generic\"} 0\n"));
  CHECK(contains(before, "oncallbot_pages_total 0\n"));
  CHECK(contains(before, "oncallbot_time_to_ack_seconds_count 0\n"));
  CHECK(contains(before, "oncallbot_build_info{version=\"" ONCALLBOT_VERSION "\"} 1\n"));
  CHECK(contains(before, "oncallbot_websocket_reconnects_total 0\n"));

  REQUIRE(w.b.post("/webhooks/generic", R"({"title":"Disk full","dedup_key":"disk"})")->status == 200);
  // The page reaches alice (primary) by DM: one page.
  REQUIRE(eventually([&] { return !w.chat.direct_messages("alice").empty(); }));
  REQUIRE(eventually([&] { return contains(metrics(), "oncallbot_pages_total 1\n"); }));
  const auto paged = metrics();
  CHECK(contains(paged, "oncallbot_alerts_received_total{source=\"generic\"} 1\n"));
  CHECK(contains(paged, "oncallbot_incidents{state=\"triggered\"} 1\n"));
  const std::string post_call = std::is_same_v<TestType, slack_world>
                                    ? "oncallbot_chat_api_calls_total{method=\"chat.postMessage\"} "
                                    : "oncallbot_chat_api_calls_total{method=\"POST /posts\"} ";
  CHECK(contains(paged, post_call));
  CHECK_FALSE(contains(paged, "method=\"POST /posts/"));  // no ids in the labels
  CHECK(contains(paged, "oncallbot_storage_commit_seconds_count "));
  CHECK_FALSE(contains(paged, "oncallbot_storage_commit_seconds_count 0\n"));

  REQUIRE(w.chat.command("alice", "alerts", "ack 1").answered);
  const auto acked = metrics();
  CHECK(contains(acked, "oncallbot_time_to_ack_seconds_count 1\n"));
  CHECK(contains(acked, "oncallbot_time_to_ack_seconds_bucket{le=\"+Inf\"} 1\n"));
  CHECK(contains(acked, "oncallbot_incidents{state=\"acknowledged\"} 1\n"));
  CHECK(contains(acked, "oncallbot_incidents{state=\"triggered\"} 0\n"));
}

TEMPLATE_TEST_CASE("metrics count chat 429s and websocket reconnects", "[integration][metrics]",
                   ONCALL_PLATFORMS) {
  TestType w("metrics_faults", {}, bot_options{});
  w.start();
  REQUIRE(w.b.wait_ready());
  httplib::Client http("127.0.0.1", w.b.http_port());
  auto metrics = [&] {
    auto res = http.Get("/metrics");
    REQUIRE(res);
    return res->body;
  };
  CHECK(contains(metrics(), "oncallbot_chat_rate_limited_total 0\n"));

  // Every post to the alerts channel gets 429 until the faults are cleared.
  const std::string post_method = std::is_same_v<TestType, slack_world> ? "chat.postMessage" : "POST /api/v4/posts";
  w.sim.post("/_sim/faults", {{"method", post_method}, {"mode", "ratelimit"}, {"channel", "alerts"}});
  REQUIRE(w.b.post("/webhooks/generic", R"({"title":"Disk full","dedup_key":"disk"})")->status == 200);
  REQUIRE(eventually([&] { return !contains(metrics(), "oncallbot_chat_rate_limited_total 0\n"); }));
  w.chat.clear_faults();
  REQUIRE(eventually([&] { return w.chat.top_level("alerts").size() == 1; }, std::chrono::seconds(10)));

  CHECK(contains(metrics(), "oncallbot_websocket_reconnects_total 0\n"));
  const int opened = w.chat.connections_opened();
  w.chat.drop_sockets();
  REQUIRE(eventually([&] { return w.chat.connections_opened() == opened + 1; }));
  REQUIRE(w.b.wait_ready());
  CHECK(contains(metrics(), "oncallbot_websocket_reconnects_total 1\n"));
}
