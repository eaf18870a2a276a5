// Alert sources other than Alertmanager, on the real binary: the PagerDuty Events API v2
// (trigger / acknowledge / resolve by dedup_key) and Grafana's alerting webhook.
#include <catch2/catch.hpp>

#include "platforms.hpp"

using namespace oncall::testing;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string pd_event(const std::string& action, const std::string& routing_key = "test-secret-token") {
  json e = {{"routing_key", routing_key}, {"event_action", action}, {"dedup_key", "srv01-disk"}};
  if (action == "trigger") {
    e["payload"] = {{"summary", "Disk 95% full on srv01"}, {"source", "srv01.example.com"},
                    {"severity", "critical"}, {"custom_details", {{"free_gb", 3}}}};
    e["links"] = json::array({{{"href", "https://grafana.example.com/d/disk"}, {"text", "Disk dashboard"}}});
  }
  return e.dump();
}

}  // namespace

TEMPLATE_TEST_CASE("a PagerDuty Events v2 trigger pages, acknowledge acks, resolve resolves",
                   "[integration]", ONCALL_PLATFORMS) {
  TestType w("pagerduty");
  w.start();
  REQUIRE(w.b.wait_ready());
  auto triggered = w.b.post("/v2/enqueue", pd_event("trigger"), "application/json", "");
  REQUIRE(triggered);
  CHECK(triggered->status == 202);
  CHECK(json::parse(triggered->body)["dedup_key"] == "srv01-disk");
  REQUIRE(eventually([&] { return w.chat.top_level("alerts").size() == 1; }));
  auto page = w.chat.top_level("alerts")[0];
  CHECK(contains(page.text, "SEV1"));
  CHECK(contains(page.text, "Disk 95% full on srv01"));
  CHECK(contains(page.text, "https://grafana.example.com/d/disk"));

  REQUIRE(w.b.post("/v2/enqueue", pd_event("acknowledge"), "application/json", "")->status == 202);
  REQUIRE(eventually([&] { return contains(w.chat.top_level("alerts")[0].text, "Acknowledged"); }));
  REQUIRE(w.b.post("/v2/enqueue", pd_event("resolve"), "application/json", "")->status == 202);
  REQUIRE(eventually([&] { return contains(w.chat.top_level("alerts")[0].text, "Resolved"); }));
  CHECK(w.b.count("incidents") == 1);
}

TEST_CASE("PagerDuty events with an unknown routing key or a bad payload are refused and change nothing",
          "[integration]") {
  slack_world w("pagerduty-bad");
  w.start();
  REQUIRE(w.b.wait_ready());
  auto wrong_key = w.b.post("/v2/enqueue", pd_event("trigger", "not-a-configured-key"), "application/json", "");
  REQUIRE(wrong_key);
  CHECK(wrong_key->status == 401);
  CHECK(contains(wrong_key->body, "routing_key"));
  auto bad = json::parse(pd_event("trigger"));
  bad["payload"]["severity"] = "high";
  auto bad_severity = w.b.post("/v2/enqueue", bad.dump(), "application/json", "");
  REQUIRE(bad_severity);
  CHECK(bad_severity->status == 400);
  CHECK(contains(bad_severity->body, "payload.severity"));
  CHECK(w.b.count("incidents") == 0);
  CHECK(w.b.count("effects") == 0);
}

TEST_CASE("a Grafana alerting webhook pages and resolves", "[integration]") {
  slack_world w("grafana");
  w.start();
  REQUIRE(w.b.wait_ready());
  auto body = [](const std::string& status) {
    json alert = {{"status", status}, {"labels", {{"alertname", "HighLatency"}, {"severity", "warning"}}},
                  {"annotations", {{"summary", "p99 latency above 2s"}}},
                  {"startsAt", "2026-11-24T05:00:00Z"},
                  {"endsAt", status == "firing" ? "0001-01-01T00:00:00Z" : "2026-11-24T05:10:00Z"},
                  {"generatorURL", "https://grafana.example.com/alerting/grafana/abc/view"},
                  {"fingerprint", "c6eadffa33fcdf37"},
                  {"dashboardURL", "https://grafana.example.com/d/latency"}};
    return json{{"receiver", "oncallbot"}, {"status", status}, {"orgId", 1}, {"alerts", json::array({alert})},
                {"groupLabels", {{"alertname", "HighLatency"}}}, {"commonLabels", {{"alertname", "HighLatency"}}},
                {"commonAnnotations", {{"summary", "p99 latency above 2s"}}},
                {"externalURL", "https://grafana.example.com/"}, {"version", "1"},
                {"groupKey", "{}:{alertname=\"HighLatency\"}"}, {"truncatedAlerts", 0},
                {"title", "[FIRING:1] HighLatency"}, {"state", "alerting"}, {"message", "p99 latency"}}.dump();
  };
  REQUIRE(w.b.post("/webhooks/grafana", body("firing"))->status == 200);
  REQUIRE(eventually([&] { return w.chat.top_level("alerts").size() == 1; }));
  CHECK(contains(w.chat.top_level("alerts")[0].text, "p99 latency above 2s"));
  REQUIRE(w.b.post("/webhooks/grafana", body("resolved"))->status == 200);
  REQUIRE(eventually([&] { return contains(w.chat.top_level("alerts")[0].text, "Resolved"); }));
}
