// GET /metrics on the real binary: the gauges follow the incidents, and requests are counted.
#include <catch2/catch.hpp>

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
