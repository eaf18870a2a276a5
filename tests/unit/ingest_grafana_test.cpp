// Grafana unified alerting webhook parser (POST /webhooks/grafana, SPEC §4).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "bot/core/time.hpp"
#include "bot/ingest/grafana.hpp"

using namespace oncall;

namespace {

error grafana_error(std::string_view body) {
  auto parsed = parse_grafana(body);
  REQUIRE_FALSE(parsed.ok());
  return parsed.err();
}

constexpr const char* two_firing = R"json({
  "receiver": "oncallbot",
  "status": "firing",
  "orgId": 1,
  "alerts": [
    {
      "status": "firing",
      "labels": {"alertname": "Queue backlog", "team": "payments", "queue": "refunds",
                 "severity": "critical"},
      "annotations": {"summary": "Refund queue backlog above 5000",
                      "runbook_url": "https://runbooks.example.org/queues"},
      "startsAt": "2024-06-01T12:00:00.5+02:00",
      "endsAt": "0001-01-01T00:00:00Z",
      "generatorURL": "https://grafana.example.org/alerting/abc123/edit",
      "fingerprint": "1f2e3d4c5b6a7980",
      "silenceURL": "https://grafana.example.org/alerting/silence/new?matchers=queue%3Drefunds",
      "dashboardURL": "https://grafana.example.org/d/queues",
      "panelURL": "https://grafana.example.org/d/queues?viewPanel=4",
      "values": {"A": 5230, "B": 1},
      "valueString": "[ var='A' labels={queue=refunds} value=5230 ]"
    },
    {
      "status": "firing",
      "labels": {"alertname": "Queue backlog", "team": "payments", "queue": "payouts"},
      "annotations": {"runbook_url": "javascript:void"},
      "startsAt": "2024-06-01T12:01:00Z",
      "endsAt": "0001-01-01T00:00:00Z",
      "generatorURL": "https://grafana.example.org/alerting/abc123/edit",
      "fingerprint": "0a9b8c7d6e5f4031",
      "silenceURL": "",
      "dashboardURL": "",
      "panelURL": "",
      "values": null,
      "valueString": ""
    }
  ],
  "groupLabels": {"alertname": "Queue backlog"},
  "commonLabels": {"alertname": "Queue backlog", "team": "payments"},
  "commonAnnotations": {},
  "externalURL": "https://grafana.example.org/",
  "version": "1",
  "groupKey": "{}/{team=\"payments\"}:{alertname=\"Queue backlog\"}",
  "truncatedAlerts": 0,
  "title": "[FIRING:2] Queue backlog (payments)",
  "state": "alerting",
  "message": "**Firing**\n\nLabels: ..."
})json";

}  // namespace

TEST_CASE("a Grafana notification with two firing alerts becomes one batch", "[unit][ingest]") {
  auto parsed = parse_grafana(two_firing);
  REQUIRE(parsed.ok());
  const auto& batch = *parsed;
  CHECK(batch.source == "grafana");
  CHECK(batch.group_key == R"({}/{team="payments"}:{alertname="Queue backlog"})");
  CHECK(batch.title == "[FIRING:2] Queue backlog (payments)");
  CHECK(batch.group_labels == label_map{{"alertname", "Queue backlog"}, {"team", "payments"}});
  CHECK(batch.truncated_alerts == 0);
  REQUIRE(batch.alerts.size() == 2);

  const auto& first = batch.alerts[0];
  CHECK(first.fingerprint == "1f2e3d4c5b6a7980");
  CHECK(first.status == alert_status::firing);
  CHECK(first.title == "Refund queue backlog above 5000");
  CHECK(first.severity == 1);
  CHECK(first.labels.at("queue") == "refunds");
  REQUIRE(first.starts_at.has_value());
  CHECK(to_millis(*first.starts_at) == to_millis(*parse_iso8601("2024-06-01T10:00:00.500Z")));
  CHECK_FALSE(first.ends_at.has_value());
  CHECK(first.links ==
        std::vector<oncall::link>{{"runbook", "https://runbooks.example.org/queues"},
                          {"dashboard", "https://grafana.example.org/d/queues"},
                          {"panel", "https://grafana.example.org/d/queues?viewPanel=4"},
                          {"source", "https://grafana.example.org/alerting/abc123/edit"}});

  const auto& second = batch.alerts[1];
  CHECK(second.fingerprint == "0a9b8c7d6e5f4031");
  CHECK(second.title == "Queue backlog");
  CHECK(second.severity == 3);
  CHECK(second.links ==
        std::vector<oncall::link>{{"source", "https://grafana.example.org/alerting/abc123/edit"}});
}

TEST_CASE("Grafana batch titles prefer commonAnnotations.summary, then title, then alertname",
          "[unit][ingest]") {
  auto body = [](std::string_view extra) {
    return R"({"version": "1", "groupKey": "g", "status": "firing", )" + std::string(extra) +
           R"("alerts": [{"status": "firing", "fingerprint": "f1", "startsAt": "2024-06-01T12:00:00Z",
                          "labels": {"alertname": "Own name"}}]})";
  };
  auto summary = parse_grafana(body(R"("commonAnnotations": {"summary": "Group summary"},
                                       "title": "[FIRING:1] x", )"));
  REQUIRE(summary.ok());
  CHECK(summary->title == "Group summary");
  auto title = parse_grafana(body(R"("title": "[FIRING:1] x", )"));
  REQUIRE(title.ok());
  CHECK(title->title == "[FIRING:1] x");
  auto alertname = parse_grafana(body(R"("commonLabels": {"alertname": "Common"}, )"));
  REQUIRE(alertname.ok());
  CHECK(alertname->title == "Common");
  auto fallback = parse_grafana(body(""));
  REQUIRE(fallback.ok());
  CHECK(fallback->title == "Own name");
}

TEST_CASE("a resolved Grafana notification resolves its alerts", "[unit][ingest]") {
  auto parsed = parse_grafana(R"({
    "receiver": "oncallbot", "status": "resolved", "orgId": 1,
    "alerts": [{
      "status": "resolved",
      "labels": {"alertname": "Queue backlog", "queue": "refunds"},
      "annotations": {"summary": "Refund queue backlog above 5000"},
      "startsAt": "2024-06-01T12:00:00Z",
      "endsAt": "2024-06-01T12:20:00Z",
      "generatorURL": "https://grafana.example.org/alerting/abc123/edit",
      "fingerprint": "1f2e3d4c5b6a7980",
      "silenceURL": "", "dashboardURL": "", "panelURL": "",
      "values": {"A": 12}, "valueString": "[ var='A' value=12 ]"
    }],
    "groupLabels": {"alertname": "Queue backlog"},
    "commonLabels": {"alertname": "Queue backlog", "queue": "refunds"},
    "commonAnnotations": {"summary": "Refund queue backlog above 5000"},
    "externalURL": "https://grafana.example.org/", "version": "1", "groupKey": "gk-1",
    "truncatedAlerts": 2, "title": "[RESOLVED] Queue backlog", "state": "ok", "message": ""
  })");
  REQUIRE(parsed.ok());
  CHECK(parsed->group_key == "gk-1");
  CHECK(parsed->title == "Refund queue backlog above 5000");
  CHECK(parsed->truncated_alerts == 2);
  REQUIRE(parsed->alerts.size() == 1);
  const auto& a = parsed->alerts[0];
  CHECK(a.status == alert_status::resolved);
  REQUIRE(a.ends_at.has_value());
  CHECK(to_millis(*a.ends_at) == to_millis(*parse_iso8601("2024-06-01T12:20:00Z")));
}

TEST_CASE("Grafana payloads other than version 1 are rejected", "[unit][ingest]") {
  auto body = [](std::string_view version) {
    return R"({"groupKey": "g", )" + std::string(version) +
           R"("alerts": [{"status": "firing", "fingerprint": "f", "startsAt": "2024-06-01T12:00:00Z"}]})";
  };
  REQUIRE(parse_grafana(body(R"("version": "1", )")).ok());
  auto e = grafana_error(body(R"("version": "4", )"));
  CHECK(e.field == "version");
  CHECK(e.message == "version must be \"1\" (Grafana alerting webhook version 1), not \"4\"");
  CHECK(grafana_error(body(R"("version": 1, )")).field == "version");
  CHECK(grafana_error(body("")).message == "version is missing (Grafana sends \"1\")");
}

TEST_CASE("bad Grafana alerts are named by their path", "[unit][ingest]") {
  auto body = [](std::string_view alerts) {
    return R"({"version": "1", "groupKey": "g", "alerts": )" + std::string(alerts) + "}";
  };
  CHECK(grafana_error(body("[]")).message == "alerts is empty");
  CHECK(grafana_error(body("{}")).field == "alerts");
  CHECK(grafana_error(body(R"([{"status": "firing", "startsAt": "2024-06-01T12:00:00Z"}])"))
            .message == "alerts[0].fingerprint is missing");
  CHECK(grafana_error(body(R"([{"status": "pending", "fingerprint": "f",
                                "startsAt": "2024-06-01T12:00:00Z"}])"))
            .field == "alerts[0].status");
  CHECK(grafana_error(body(R"([{"status": "firing", "fingerprint": "f", "startsAt": "soon"}])"))
            .field == "alerts[0].startsAt");
  CHECK(grafana_error(body(R"([{"status": "firing", "fingerprint": "f",
                                "startsAt": "2024-06-01T12:00:00Z", "labels": {"n": 1}}])"))
            .field == "alerts[0].labels.n");
  CHECK(grafana_error(R"({"version": "1", "alerts": []})").field == "groupKey");
}

TEST_CASE("Grafana's documented webhook example parses (needs ../shared/fixtures)",
          "[unit][ingest]") {
  const std::filesystem::path dir = ONCALLBOT_SHARED_DIR "/fixtures/grafana";
  if (!std::filesystem::is_directory(dir)) {
    WARN("skipped: " << dir.string() << " does not exist");
    return;
  }
  std::ifstream in(dir / "webhook-two-firing-alerts.docs-example.json", std::ios::binary);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();

  auto parsed = parse_grafana(text.str());
  REQUIRE(parsed.ok());
  CHECK(parsed->source == "grafana");
  CHECK(parsed->group_key == "{}:{}");
  CHECK(parsed->title == "[FIRING:2] (blue)");  // one_line_title collapses the double space
  CHECK(parsed->group_labels == label_map{{"team", "blue"}});
  REQUIRE(parsed->alerts.size() == 2);
  CHECK(parsed->alerts[0].fingerprint == "c6eadffa33fcdf37");
  CHECK(parsed->alerts[0].title == "This alert was triggered for zone us-1");
  CHECK(parsed->alerts[0].links ==
        std::vector<oncall::link>{{"runbook", "https://myrunbook.com/runbook/1234"},
                          {"source", "https://play.grafana.org/alerting/1afz29v7z/edit"}});
  CHECK(parsed->alerts[1].fingerprint == "bc97ff14869b13e3");
  CHECK(parsed->alerts[1].status == alert_status::firing);
}
