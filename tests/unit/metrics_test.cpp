// GET /metrics text (bot/http/metrics): Prometheus exposition with HELP and TYPE lines, and
// request counts that cannot be grown by unknown paths.
#include <catch2/catch.hpp>

#include "bot/http/metrics.hpp"

using namespace oncall;

TEST_CASE("metrics render gauges and request counters in Prometheus text", "[metrics]") {
  request_counters requests;
  requests.set_known({{"/webhooks/generic", true}});
  requests.count("/webhooks/generic", 200);
  requests.count("/webhooks/generic", 200);
  requests.count("/webhooks/generic", 401);
  requests.count("/wp-admin.php", 404);
  requests.count("/.env", 404);
  auto text = render_metrics({3, 1, 7}, true, requests.snapshot());
  CHECK(text.find("# TYPE oncallbot_incidents_open gauge\noncallbot_incidents_open 3\n") != std::string::npos);
  CHECK(text.find("oncallbot_incidents_acknowledged 1\n") != std::string::npos);
  CHECK(text.find("oncallbot_effects_pending 7\n") != std::string::npos);
  CHECK(text.find("oncallbot_chat_connected 1\n") != std::string::npos);
  CHECK(text.find("# TYPE oncallbot_http_requests_total counter") != std::string::npos);
  CHECK(text.find("oncallbot_http_requests_total{path=\"/webhooks/generic\",status=\"200\"} 2\n") != std::string::npos);
  CHECK(text.find("oncallbot_http_requests_total{path=\"/webhooks/generic\",status=\"401\"} 1\n") != std::string::npos);
  CHECK(text.find("oncallbot_http_requests_total{path=\"other\",status=\"404\"} 2\n") != std::string::npos);
  CHECK(text.find("wp-admin") == std::string::npos);
}
