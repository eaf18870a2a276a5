// PagerDuty Events API v2 parser (POST /v2/enqueue, SPEC §4).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "bot/core/time.hpp"
#include "bot/ingest/pagerduty.hpp"

using namespace oncall;

namespace {

error pagerduty_error(std::string_view body) {
  auto parsed = parse_pagerduty(body);
  REQUIRE_FALSE(parsed.ok());
  return parsed.err();
}

bool is_hex32(const std::string& key) {
  if (key.size() != 32) return false;
  for (char c : key) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

constexpr const char* trigger_body = R"({
  "payload": {
    "summary": "Replica lag above 30s on db-7.example.net",
    "timestamp": "2024-03-05T10:15:30.250+0100",
    "source": "db-7.example.net",
    "severity": "error",
    "component": "postgres",
    "group": "prod-orders",
    "class": "replication",
    "custom_details": {"lag seconds": 42.5, "replica": "db-7", "tags": ["a", "b"]}
  },
  "routing_key": "0123456789abcdef0123456789abcdef",
  "dedup_key": "db-7/replica-lag",
  "event_action": "trigger",
  "client": "Lag Checker",
  "client_url": "https://lag.example.net",
  "links": [{"href": "https://runbooks.example.net/replica-lag", "text": "Runbook"}],
  "images": [{"src": "https://charts.example.net/lag.png", "href": "https://charts.example.net/lag",
              "alt": "Lag chart"}]
})";

}  // namespace

TEST_CASE("a PagerDuty trigger becomes one firing alert keyed by dedup_key", "[unit][ingest]") {
  auto parsed = parse_pagerduty(trigger_body);
  REQUIRE(parsed.ok());
  const auto& event = *parsed;
  CHECK(event.routing_key == "0123456789abcdef0123456789abcdef");
  CHECK(event.action == "trigger");
  CHECK(event.dedup_key == "db-7/replica-lag");
  const auto& batch = event.batch;
  CHECK(batch.source == "pagerduty");
  CHECK(batch.group_key == "db-7/replica-lag");
  CHECK(batch.title == "Replica lag above 30s on db-7.example.net");
  CHECK(batch.truncated_alerts == 0);
  REQUIRE(batch.alerts.size() == 1);
  const auto& a = batch.alerts[0];
  CHECK(a.fingerprint == "db-7/replica-lag");
  CHECK(a.status == alert_status::firing);
  CHECK(a.title == batch.title);
  CHECK(a.severity == 2);
  CHECK(a.labels == label_map{{"source", "db-7.example.net"},
                              {"component", "postgres"},
                              {"group", "prod-orders"},
                              {"class", "replication"},
                              {"routing_key", "0123456789abcdef0123456789abcdef"}});
  CHECK(batch.group_labels == a.labels);
  CHECK(a.annotations == label_map{{"custom_details.lag seconds", "42.5"},
                                   {"custom_details.replica", "db-7"},
                                   {"custom_details.tags", R"(["a","b"])"}});
  REQUIRE(a.starts_at.has_value());
  CHECK(to_millis(*a.starts_at) == to_millis(*parse_iso8601("2024-03-05T09:15:30.250Z")));
  CHECK_FALSE(a.ends_at.has_value());
  CHECK(a.links == std::vector<oncall::link>{{"Runbook", "https://runbooks.example.net/replica-lag"},
                                     {"Lag chart", "https://charts.example.net/lag"}});
}

TEST_CASE("PagerDuty severities map to 1..4 and nothing else is accepted", "[unit][ingest]") {
  auto body = [](std::string_view severity) {
    return R"({"routing_key": "k", "event_action": "trigger", "dedup_key": "d",
               "payload": {"summary": "s", "source": "h", "severity": )" +
           std::string(severity) + "}}";
  };
  for (auto [name, expected] : {std::pair{"critical", 1}, std::pair{"error", 2},
                                std::pair{"warning", 3}, std::pair{"info", 4}}) {
    auto parsed = parse_pagerduty(body("\"" + std::string(name) + "\""));
    REQUIRE(parsed.ok());
    CHECK(parsed->batch.alerts.at(0).severity == expected);
  }
  for (auto bad : {"\"high\"", "\"1\"", "\"sev2\"", "\"Critical\"", "3", "null"}) {
    INFO(bad);
    auto e = pagerduty_error(body(bad));
    CHECK(e.field == "payload.severity");
  }
  auto e = pagerduty_error(body("\"high\""));
  CHECK(e.message ==
        "payload.severity must be one of critical, error, warning, info, not \"high\"");
}

TEST_CASE("a PagerDuty acknowledge carries only the key", "[unit][ingest]") {
  auto parsed = parse_pagerduty(
      R"({"routing_key": "team-db-key", "dedup_key": "db-7/replica-lag", "event_action": "acknowledge"})");
  REQUIRE(parsed.ok());
  CHECK(parsed->action == "acknowledge");
  CHECK(parsed->routing_key == "team-db-key");
  CHECK(parsed->dedup_key == "db-7/replica-lag");
  CHECK(parsed->batch.source == "pagerduty");
  CHECK(parsed->batch.group_key == "db-7/replica-lag");
  CHECK(parsed->batch.alerts.empty());

  auto e = pagerduty_error(R"({"routing_key": "team-db-key", "event_action": "acknowledge"})");
  CHECK(e.field == "dedup_key");
  CHECK_THAT(e.message, Catch::StartsWith("dedup_key is missing"));
}

TEST_CASE("a PagerDuty resolve becomes one resolved alert", "[unit][ingest]") {
  auto parsed = parse_pagerduty(
      R"({"routing_key": "team-db-key", "dedup_key": "db-7/replica-lag", "event_action": "resolve"})");
  REQUIRE(parsed.ok());
  CHECK(parsed->action == "resolve");
  const auto& batch = parsed->batch;
  CHECK(batch.group_key == "db-7/replica-lag");
  REQUIRE(batch.alerts.size() == 1);
  CHECK(batch.alerts[0].fingerprint == "db-7/replica-lag");
  CHECK(batch.alerts[0].status == alert_status::resolved);
  CHECK(batch.alerts[0].labels == label_map{{"routing_key", "team-db-key"}});
  CHECK(batch.group_labels == label_map{{"routing_key", "team-db-key"}});

  CHECK(pagerduty_error(R"({"routing_key": "k", "event_action": "resolve", "dedup_key": ""})")
            .field == "dedup_key");
  CHECK(pagerduty_error(R"({"routing_key": "k", "event_action": "resolve", "dedup_key": ")" +
                        std::string(256, 'x') + "\"}")
            .message == "dedup_key is longer than 255 bytes");
}

TEST_CASE("PagerDuty events need a routing_key", "[unit][ingest]") {
  auto e = pagerduty_error(R"({"event_action": "resolve", "dedup_key": "d"})");
  CHECK(e.field == "routing_key");
  CHECK(e.message == "routing_key is missing");
  CHECK(pagerduty_error(R"({"routing_key": "", "event_action": "resolve", "dedup_key": "d"})")
            .field == "routing_key");
  CHECK(pagerduty_error(R"({"routing_key": 7, "event_action": "resolve", "dedup_key": "d"})")
            .field == "routing_key");
  auto too_long = pagerduty_error(R"({"routing_key": ")" + std::string(65, 'k') +
                                  R"(", "event_action": "resolve", "dedup_key": "d"})");
  CHECK(too_long.message == "routing_key is longer than 64 bytes");
  CHECK(parse_pagerduty(R"({"routing_key": ")" + std::string(64, 'k') +
                        R"(", "event_action": "resolve", "dedup_key": "d"})")
            .ok());
}

TEST_CASE("PagerDuty event_action must be trigger, acknowledge or resolve", "[unit][ingest]") {
  auto e = pagerduty_error(R"({"routing_key": "k", "event_action": "escalate", "dedup_key": "d"})");
  CHECK(e.field == "event_action");
  CHECK(e.message == "event_action must be one of trigger, acknowledge, resolve, not \"escalate\"");
  CHECK(pagerduty_error(R"({"routing_key": "k", "dedup_key": "d"})").field == "event_action");
  CHECK(pagerduty_error(R"({"routing_key": "k", "event_action": 1, "dedup_key": "d"})").field ==
        "event_action");
  CHECK(pagerduty_error("[]").field.empty());
  CHECK(pagerduty_error("{\"routing_key\": ").field.empty());
}

TEST_CASE("a PagerDuty trigger needs payload summary and source", "[unit][ingest]") {
  CHECK(pagerduty_error(R"({"routing_key": "k", "event_action": "trigger"})").field == "payload");
  auto e = pagerduty_error(R"({"routing_key": "k", "event_action": "trigger",
                               "payload": {"source": "h", "severity": "info"}})");
  CHECK(e.field == "payload.summary");
  CHECK(e.message == "payload.summary is missing");
  CHECK(pagerduty_error(R"({"routing_key": "k", "event_action": "trigger",
                            "payload": {"summary": "s", "severity": "info"}})")
            .field == "payload.source");
  auto long_summary = pagerduty_error(R"({"routing_key": "k", "event_action": "trigger",
      "payload": {"source": "h", "severity": "info", "summary": ")" +
                                      std::string(1025, 's') + "\"}}");
  CHECK(long_summary.message == "payload.summary is longer than 1024 characters");
  CHECK(pagerduty_error(R"({"routing_key": "k", "event_action": "trigger", "payload":
      {"summary": "s", "source": "h", "severity": "info", "timestamp": "yesterday"}})")
            .field == "payload.timestamp");
  CHECK(pagerduty_error(R"({"routing_key": "k", "event_action": "trigger", "payload":
      {"summary": "s", "source": "h", "severity": "info", "custom_details": "x"}})")
            .field == "payload.custom_details");
}

TEST_CASE("a PagerDuty trigger without dedup_key gets a generated one", "[unit][ingest]") {
  constexpr const char* body = R"({"routing_key": "k", "event_action": "trigger",
      "payload": {"summary": "Disk full", "source": "h", "severity": "warning"}})";
  auto first = parse_pagerduty(body);
  auto second = parse_pagerduty(body);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(is_hex32(first->dedup_key));
  CHECK(is_hex32(second->dedup_key));
  CHECK(first->dedup_key != second->dedup_key);
  CHECK(first->batch.group_key == first->dedup_key);
  CHECK(first->batch.alerts.at(0).fingerprint == first->dedup_key);
  CHECK_FALSE(first->batch.alerts.at(0).starts_at.has_value());
  CHECK(first->batch.alerts.at(0).labels ==
        label_map{{"source", "h"}, {"routing_key", "k"}});
}

TEST_CASE("PagerDuty links and images keep only http(s) URLs", "[unit][ingest]") {
  auto parsed = parse_pagerduty(R"({"routing_key": "k", "event_action": "trigger", "dedup_key": "d",
      "payload": {"summary": "s", "source": "h", "severity": "info"},
      "links": [{"href": "http://status.example.com"},
                {"href": "javascript:void", "text": "bad"},
                {"href": "https://status.example.com/x", "text": "  Status\npage "}],
      "images": [{"src": "https://img.example.com/a.png", "alt": "graph"},
                 {"src": "data:image/png;base64,AAAA", "href": "ftp://x"},
                 {"src": "https://img.example.com/b.png", "href": "http://status.example.com"}]})");
  REQUIRE(parsed.ok());
  CHECK(parsed->batch.alerts.at(0).links ==
        std::vector<oncall::link>{{"link", "http://status.example.com"},
                          {"Status page", "https://status.example.com/x"},
                          {"graph", "https://img.example.com/a.png"}});

  auto base = std::string(R"({"routing_key": "k", "event_action": "trigger", "dedup_key": "d",
      "payload": {"summary": "s", "source": "h", "severity": "info"}, )");
  CHECK(pagerduty_error(base + R"("links": {"href": "https://x.example"}})").field == "links");
  CHECK(pagerduty_error(base + R"("links": [{"text": "no href"}]})").field == "links[0].href");
  CHECK(pagerduty_error(base + R"("links": ["https://x.example"]})").field == "links[0]");
  CHECK(pagerduty_error(base + R"("images": [{"href": "https://x.example"}]})").field ==
        "images[0].src");
}

TEST_CASE("PagerDuty's documented example events parse (needs ../shared/fixtures)",
          "[unit][ingest]") {
  const std::filesystem::path dir = ONCALLBOT_SHARED_DIR "/fixtures/pagerduty";
  if (!std::filesystem::is_directory(dir)) {
    WARN("skipped: " << dir.string() << " does not exist");
    return;
  }
  auto read = [&](const char* name) {
    std::ifstream in(dir / name, std::ios::binary);
    INFO(name);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };

  auto openapi = parse_pagerduty(read("enqueue-trigger.openapi-example.json"));
  REQUIRE(openapi.ok());
  CHECK(openapi->action == "trigger");
  CHECK(openapi->routing_key.size() == 32);
  CHECK(openapi->dedup_key == "srv01/mysql");
  REQUIRE(openapi->batch.alerts.size() == 1);
  const auto& a = openapi->batch.alerts[0];
  CHECK(a.severity == 1);
  CHECK(a.title == "DISK at 99% on machine prod-datapipe03.example.com");
  CHECK(a.labels.at("component") == "mysql");
  CHECK(a.labels.at("class") == "disk");
  CHECK(a.annotations.at("custom_details.load avg") == "0.75");
  CHECK(a.starts_at.has_value());
  CHECK(a.links.size() == 2);

  auto docs = parse_pagerduty(read("enqueue-trigger.developer-docs.json"));
  REQUIRE(docs.ok());
  CHECK(docs->batch.alerts.at(0).severity == 4);
  // The image links to the same page as the link: shown once.
  CHECK(docs->batch.alerts.at(0).links == std::vector<oncall::link>{{"Link text", "https://example.com/"}});

  auto ack = parse_pagerduty(read("enqueue-acknowledge.developer-docs.json"));
  REQUIRE(ack.ok());
  CHECK(ack->action == "acknowledge");
  CHECK(ack->batch.alerts.empty());

  auto resolve = parse_pagerduty(read("enqueue-resolve.developer-docs.json"));
  REQUIRE(resolve.ok());
  CHECK(resolve->batch.alerts.at(0).status == alert_status::resolved);
  CHECK(resolve->dedup_key == "dedupkeyhere");
}
