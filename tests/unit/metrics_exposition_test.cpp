// GET /metrics' exposition (bot/http/metrics_registry, bot/http/metrics): Prometheus text 0.0.4
// with HELP and TYPE for every family, cumulative histogram buckets with _sum and _count,
// escaped label values, bounded chat route labels.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "bot/chat/mattermost/mattermost_api.hpp"
#include "bot/http/metrics.hpp"
#include "bot/http/metrics_registry.hpp"

using namespace oncall;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string rendered(const bot_metrics& m, const std::string& version = "1.2.3") {
  std::ostringstream out;
  render_bot_metrics(out, m, version);
  return out.str();
}

}  // namespace

TEST_CASE("histogram buckets are cumulative and end in +Inf, with _sum and _count", "[unit][metrics]") {
  bot_metrics m;
  m.time_to_ack.observe(5);     // le 10
  m.time_to_ack.observe(10);    // le 10: a bucket includes its bound
  m.time_to_ack.observe(45);    // le 60
  m.time_to_ack.observe(99999); // above every bound
  const auto text = rendered(m);
  CHECK(contains(text, "# HELP oncallbot_time_to_ack_seconds "));
  CHECK(contains(text, "# TYPE oncallbot_time_to_ack_seconds histogram\n"));
  CHECK(contains(text, "oncallbot_time_to_ack_seconds_bucket{le=\"10\"} 2\n"));
  CHECK(contains(text, "oncallbot_time_to_ack_seconds_bucket{le=\"30\"} 2\n"));
  CHECK(contains(text, "oncallbot_time_to_ack_seconds_bucket{le=\"60\"} 3\n"));
  CHECK(contains(text, "oncallbot_time_to_ack_seconds_bucket{le=\"14400\"} 3\n"));
  CHECK(contains(text, "oncallbot_time_to_ack_seconds_bucket{le=\"+Inf\"} 4\n"));
  CHECK(contains(text, "oncallbot_time_to_ack_seconds_sum 100059\n"));
  CHECK(contains(text, "oncallbot_time_to_ack_seconds_count 4\n"));
}

TEST_CASE("every family has HELP and TYPE, counters end in _total, build_info carries the version",
          "[unit][metrics]") {
  bot_metrics m;
  m.alerts_received.add("alertmanager", 3);
  m.pages.add(2);
  m.chat_rate_limited.add();
  m.runbook_runs.add("succeeded");
  const auto text = rendered(m, "0.1.0");
  for (const char* counter : {"oncallbot_alerts_received_total", "oncallbot_pages_total",
                              "oncallbot_escalations_total", "oncallbot_chat_api_calls_total",
                              "oncallbot_chat_rate_limited_total", "oncallbot_websocket_reconnects_total",
                              "oncallbot_runbook_runs_total"}) {
    INFO(counter);
    CHECK(contains(text, std::string("# HELP ") + counter + " "));
    CHECK(contains(text, std::string("# TYPE ") + counter + " counter\n"));
  }
  for (const char* histogram : {"oncallbot_escalation_lateness_seconds", "oncallbot_time_to_ack_seconds",
                                "oncallbot_storage_commit_seconds"}) {
    INFO(histogram);
    CHECK(contains(text, std::string("# TYPE ") + histogram + " histogram\n"));
  }
  CHECK(contains(text, "oncallbot_alerts_received_total{source=\"alertmanager\"} 3\n"));
  // The other sources show at 0 before their first alert, so rate() has a series to start from.
  CHECK(contains(text, "oncallbot_alerts_received_total{source=\"grafana\"} 0\n"));
  CHECK(contains(text, "oncallbot_pages_total 2\n"));
  CHECK(contains(text, "oncallbot_chat_rate_limited_total 1\n"));
  CHECK(contains(text, "oncallbot_runbook_runs_total{outcome=\"succeeded\"} 1\n"));
  CHECK(contains(text, "oncallbot_runbook_runs_total{outcome=\"failed\"} 0\n"));
  CHECK(contains(text, "# TYPE oncallbot_build_info gauge\noncallbot_build_info{version=\"0.1.0\"} 1\n"));
  // Every line is a comment or "name{labels} value": nothing else breaks a scraper.
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    INFO(line);
    CHECK((line.rfind("# HELP oncallbot_", 0) == 0 || line.rfind("# TYPE oncallbot_", 0) == 0 ||
           line.rfind("oncallbot_", 0) == 0));
  }
}

TEST_CASE("label values escape backslash, double quote and newline", "[unit][metrics]") {
  CHECK(escape_label_value(R"(a\b"c)" "\nd") == R"(a\\b\"c\nd)");
  bot_metrics m;
  m.chat_api_calls.add("odd\"method");
  CHECK(contains(rendered(m, "1.0\"x"), "oncallbot_build_info{version=\"1.0\\\"x\"} 1\n"));
  CHECK(contains(rendered(m), "oncallbot_chat_api_calls_total{method=\"odd\\\"method\"} 1\n"));
}

TEST_CASE("incidents by state come from the gauges, and the app metrics follow them",
          "[unit][metrics]") {
  engine_gauges g;
  g.open_incidents = 3;
  g.acknowledged_incidents = 1;
  g.resolved_incidents = 7;
  bot_metrics m;
  const auto text = render_metrics(g, true, {}, &m);
  CHECK(contains(text, "# TYPE oncallbot_incidents gauge\n"));
  CHECK(contains(text, "oncallbot_incidents{state=\"triggered\"} 2\n"));
  CHECK(contains(text, "oncallbot_incidents{state=\"acknowledged\"} 1\n"));
  CHECK(contains(text, "oncallbot_incidents{state=\"resolved\"} 7\n"));
  CHECK(contains(text, "oncallbot_incidents_open 3\n"));  // the older name still works
  CHECK(contains(text, "oncallbot_build_info{version=\""));
  CHECK_FALSE(contains(render_metrics(g, true, {}), "oncallbot_build_info"));
}

TEST_CASE("Mattermost API calls are labelled by route template, never by id, name or query",
          "[unit][metrics]") {
  const std::string id = "abcdefghijklmnopqrstuvwxyz";
  CHECK(mattermost_route_template("PUT", "/posts/" + id + "/patch") == "PUT /posts/{id}/patch");
  CHECK(mattermost_route_template("POST", "/posts?set_online=false") == "POST /posts");
  CHECK(mattermost_route_template("GET", "/teams/name/ops team/channels/name/alerts") ==
        "GET /teams/name/{id}/channels/name/{id}");
  CHECK(mattermost_route_template("GET", "/users/username/alice") == "GET /users/username/{id}");
  CHECK(mattermost_route_template("GET", "/users/me") == "GET /users/me");
  CHECK(mattermost_route_template("GET", "/channels/c_42/posts?since=1") == "GET /channels/{id}/posts");
}
