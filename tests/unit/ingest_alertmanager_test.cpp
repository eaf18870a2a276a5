// Alertmanager webhook parser against the real 0.25 captures and against broken input.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/ingest/alertmanager.hpp"

using namespace oncall;

namespace {

const std::filesystem::path fixture_dir =
    std::filesystem::path(ONCALLBOT_SOURCE_DIR) / "tests/fixtures/alertmanager";

std::string read_fixture(const std::string& name) {
  std::ifstream in(fixture_dir / name, std::ios::binary);
  REQUIRE(in);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

alert_batch parse_fixture(const std::string& name) {
  auto parsed = parse_alertmanager(read_fixture(name));
  INFO(name << ": " << (parsed ? "" : parsed.err().message));
  REQUIRE(parsed.ok());
  return *parsed;
}

// Fixture 01 as JSON, for tests that break one field of an otherwise valid notification.
nlohmann::json valid_notification() {
  return nlohmann::json::parse(read_fixture("01-single-firing.json"));
}

error parse_error_of(const nlohmann::json& body) {
  auto parsed = parse_alertmanager(body.dump());
  REQUIRE_FALSE(parsed.ok());
  return parsed.err();
}

time_point at(const char* iso) { return *parse_iso8601(iso); }

}  // namespace

TEST_CASE("every captured Alertmanager notification parses", "[unit][ingest]") {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(fixture_dir)) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    auto batch = parse_fixture(entry.path().filename().string());
    CHECK(batch.source == "alertmanager");
    CHECK_FALSE(batch.group_key.empty());
    CHECK_FALSE(batch.title.empty());
    CHECK(batch.group_labels.count("alertname") == 1);
    REQUIRE_FALSE(batch.alerts.empty());
    for (const auto& a : batch.alerts) {
      CHECK(a.fingerprint.size() == 16);
      CHECK(a.starts_at.has_value());
      CHECK(a.labels.count("alertname") == 1);
      CHECK(a.ends_at.has_value() == (a.status == alert_status::resolved));
    }
  }
  CHECK(files == 14);
}

TEST_CASE("a single firing alert becomes a batch titled by its summary", "[unit][ingest]") {
  auto batch = parse_fixture("01-single-firing.json");
  CHECK(batch.group_key == R"({}:{alertname="HighCPU", cluster="prod"})");
  CHECK(batch.title == "HighCPU on web-1:9100");
  CHECK(batch.truncated_alerts == 0);
  const label_map group_labels{{"alertname", "HighCPU"},
                               {"cluster", "prod"},
                               {"instance", "web-1:9100"},
                               {"job", "node"},
                               {"severity", "critical"}};
  CHECK(batch.group_labels == group_labels);
  REQUIRE(batch.alerts.size() == 1);
  const auto& a = batch.alerts[0];
  CHECK(a.fingerprint == "6080603cf6611c55");
  CHECK(a.status == alert_status::firing);
  CHECK(a.title == "HighCPU on web-1:9100");
  CHECK(a.severity == 1);
  CHECK(a.annotations.at("description") == "HighCPU has fired for web-1:9100 in cluster prod.");
  CHECK(a.starts_at == at("2026-11-24T04:56:32.792Z"));
  CHECK_FALSE(a.ends_at.has_value());  // 0001-01-01T00:00:00Z means "still firing"
  const std::vector<oncall::link> links{
      {"runbook", "https://runbooks.example.com/HighCPU"},
      {"source", "http://127.0.0.1:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1"}};
  CHECK(a.links == links);
}

TEST_CASE("a group of three keeps each alert's fingerprint and is titled by alertname",
          "[unit][ingest]") {
  auto batch = parse_fixture("02-group-of-3-firing.json");
  CHECK(batch.title == "DiskFull");  // no common summary: instances differ
  REQUIRE(batch.alerts.size() == 3);
  CHECK(batch.alerts[0].fingerprint == "a9ae4197815c5ed6");
  CHECK(batch.alerts[1].fingerprint == "7e6d6f65b85d7ff3");
  CHECK(batch.alerts[2].fingerprint == "cb27555f193f05b4");
  CHECK(batch.alerts[1].title == "DiskFull on db-2:9100");
  for (const auto& a : batch.alerts) CHECK(a.severity == 3);  // "warning"
  CHECK(batch.group_labels.count("instance") == 0);
}

TEST_CASE("a resolved alert carries its end time", "[unit][ingest]") {
  auto batch = parse_fixture("04-single-resolved.json");
  REQUIRE(batch.alerts.size() == 1);
  CHECK(batch.alerts[0].status == alert_status::resolved);
  CHECK(batch.alerts[0].ends_at == at("2026-11-24T04:56:47Z"));
}

TEST_CASE("a partly resolved group reports each alert's own status", "[unit][ingest]") {
  // The notification's top-level status is "firing" while any alert fires.
  auto body = read_fixture("05-group-partially-resolved.json");
  CHECK(nlohmann::json::parse(body)["status"] == "firing");
  auto batch = parse_fixture("05-group-partially-resolved.json");
  REQUIRE(batch.alerts.size() == 4);
  CHECK(batch.alerts[0].status == alert_status::resolved);
  CHECK(batch.alerts[1].status == alert_status::resolved);
  CHECK(batch.alerts[2].status == alert_status::firing);
  CHECK(batch.alerts[3].status == alert_status::firing);
  CHECK(batch.alerts[0].ends_at == at("2026-11-24T04:56:54Z"));
  CHECK_FALSE(batch.alerts[2].ends_at.has_value());
}

TEST_CASE("the final resolve lists only the alerts not yet reported resolved",
          "[unit][ingest]") {
  auto batch = parse_fixture("06-group-resolved-remaining-2.json");
  REQUIRE(batch.alerts.size() == 2);
  CHECK(batch.alerts[0].fingerprint == "cb27555f193f05b4");
  CHECK(batch.alerts[1].fingerprint == "583dcce98d691729");
  for (const auto& a : batch.alerts) CHECK(a.status == alert_status::resolved);
}

TEST_CASE("a storm cut by max_alerts reports the truncated count and sub-route group key",
          "[unit][ingest]") {
  auto batch = parse_fixture("07-storm-10-firing-max-alerts-3.json");
  CHECK(batch.truncated_alerts == 7);
  CHECK(batch.group_key == R"({}/{storm="yes"}:{alertname="NodeDown", cluster="prod"})");
  CHECK(batch.title == "NodeDown");
  CHECK(batch.group_labels.at("storm") == "yes");
  REQUIRE(batch.alerts.size() == 3);
  CHECK(batch.alerts[0].labels.at("instance") == "node-10:9100");
  CHECK(batch.alerts[0].severity == 1);
  auto resolved = parse_fixture("08-storm-10-resolved-max-alerts-3.json");
  CHECK(resolved.truncated_alerts == 7);
}

TEST_CASE("nanosecond startsAt and an empty generatorURL are handled", "[unit][ingest]") {
  auto batch = parse_fixture("09-minimal-alert-firing.json");
  REQUIRE(batch.alerts.size() == 1);
  const auto& a = batch.alerts[0];
  CHECK(a.starts_at == at("2026-11-24T04:57:21.867Z"));  // cut to milliseconds
  CHECK(a.links.empty());                                // no runbook, no generator URL
  CHECK(a.title == "p99 latency above 2s for checkout");
  CHECK(batch.title == "p99 latency above 2s for checkout");
  CHECK(batch.group_key == R"({}/{repeat="yes"}:{alertname="ApiLatencyHigh", cluster="prod"})");
}

TEST_CASE("startsAt without fractional seconds parses", "[unit][ingest]") {
  auto batch = parse_fixture("12-stale-startsat-immediate-flush-2-of-3.json");
  REQUIRE(batch.alerts.size() == 2);
  CHECK(batch.alerts[0].starts_at == at("2026-11-24T04:47:42Z"));
}

TEST_CASE("dashboard annotations become links; unsafe or unknown severities do not fail",
          "[unit][ingest]") {
  auto body = valid_notification();
  auto& a = body["alerts"][0];
  a["annotations"]["dashboard_url"] = "https://grafana.example.com/d/cpu";
  a["annotations"]["grafana_url"] = "https://grafana.example.com/d/cpu";  // same URL: once
  a["annotations"]["runbook_url"] = "javascript:alert(1)";                // not offered
  a["labels"]["severity"] = "page-everyone";
  auto parsed = parse_alertmanager(body.dump());
  REQUIRE(parsed.ok());
  const auto& got = parsed->alerts[0];
  CHECK(got.severity == 3);
  const std::vector<oncall::link> links{
      {"dashboard", "https://grafana.example.com/d/cpu"},
      {"source", "http://127.0.0.1:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1"}};
  CHECK(got.links == links);
}

TEST_CASE("an alert without summary is titled by its alertname; no severity means 3",
          "[unit][ingest]") {
  auto body = valid_notification();
  body["alerts"][0]["annotations"].erase("summary");
  body["alerts"][0]["labels"].erase("severity");
  body["commonAnnotations"].erase("summary");
  auto parsed = parse_alertmanager(body.dump());
  REQUIRE(parsed.ok());
  CHECK(parsed->alerts[0].title == "HighCPU");
  CHECK(parsed->alerts[0].severity == 3);
  CHECK(parsed->title == "HighCPU");
}

TEST_CASE("a group of different alerts is titled by the first and how many more",
          "[unit][ingest]") {
  auto body = nlohmann::json::parse(read_fixture("02-group-of-3-firing.json"));
  body["alerts"][1]["labels"]["alertname"] = "DiskSlow";
  body["commonLabels"].erase("alertname");
  body["groupLabels"].erase("alertname");
  body["truncatedAlerts"] = 2;
  auto parsed = parse_alertmanager(body.dump());
  REQUIRE(parsed.ok());
  CHECK(parsed->title == "DiskFull on db-1:9100 (+4 more)");
}

TEST_CASE("malformed Alertmanager input is refused with an error naming the field",
          "[unit][ingest]") {
  SECTION("malformed JSON") {
    auto parsed = parse_alertmanager(R"({"version": x})");
    REQUIRE_FALSE(parsed.ok());
    // Byte positions count from 1, like editors' columns; the input is not echoed back.
    CHECK(parsed.err().message ==
          "the body is not valid JSON: syntax error while parsing value - invalid literal at "
          "byte 13");
    auto cut_short = parse_alertmanager(R"({"version": "4", "alerts": [)");
    REQUIRE_FALSE(cut_short.ok());
    CHECK_THAT(cut_short.err().message, Catch::StartsWith("the body is not valid JSON: "));
    CHECK_THAT(cut_short.err().message, Catch::Contains("unexpected end of input"));
  }
  SECTION("not an object") {
    auto parsed = parse_alertmanager("[1, 2]");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.err().message == "the body must be a JSON object, not an array");
  }
  SECTION("wrong version") {
    auto body = valid_notification();
    body["version"] = "3";
    auto e = parse_error_of(body);
    CHECK(e.field == "version");
    CHECK_THAT(e.message, Catch::StartsWith("version must be \"4\""));
    CHECK_THAT(e.message, Catch::EndsWith("not \"3\""));
  }
  SECTION("version as a number") {
    auto body = valid_notification();
    body["version"] = 4;
    CHECK(parse_error_of(body).field == "version");
  }
  SECTION("missing version") {
    auto body = valid_notification();
    body.erase("version");
    CHECK_THAT(parse_error_of(body).message, Catch::StartsWith("version is missing"));
  }
  SECTION("missing fingerprint") {
    auto body = nlohmann::json::parse(read_fixture("03-group-grows-to-4.json"));
    body["alerts"][2].erase("fingerprint");
    auto e = parse_error_of(body);
    CHECK(e.message == "alerts[2].fingerprint is missing");
    CHECK(e.field == "alerts[2].fingerprint");
  }
  SECTION("fingerprint of the wrong type") {
    auto body = valid_notification();
    body["alerts"][0]["fingerprint"] = 42;
    CHECK(parse_error_of(body).message == "alerts[0].fingerprint must be a string, not a number");
  }
  SECTION("alerts not an array") {
    auto body = valid_notification();
    body["alerts"] = {{"status", "firing"}};
    auto e = parse_error_of(body);
    CHECK(e.message == "alerts must be an array, not an object");
    CHECK(e.field == "alerts");
  }
  SECTION("alerts empty") {
    auto body = valid_notification();
    body["alerts"] = nlohmann::json::array();
    CHECK(parse_error_of(body).message == "alerts is empty");
  }
  SECTION("an alert that is not an object") {
    auto body = valid_notification();
    body["alerts"].push_back("oops");
    CHECK(parse_error_of(body).message == "alerts[1] must be an object, not a string");
  }
  SECTION("status not firing or resolved") {
    auto body = valid_notification();
    body["alerts"][0]["status"] = "pending";
    auto e = parse_error_of(body);
    CHECK(e.message == R"(alerts[0].status must be "firing" or "resolved", not "pending")");
    CHECK(e.field == "alerts[0].status");
  }
  SECTION("top-level status not firing or resolved") {
    auto body = valid_notification();
    body["status"] = "acknowledged";
    CHECK(parse_error_of(body).field == "status");
  }
  SECTION("bad startsAt") {
    auto body = valid_notification();
    body["alerts"][0]["startsAt"] = "yesterday";
    auto e = parse_error_of(body);
    CHECK(e.field == "alerts[0].startsAt");
    CHECK_THAT(e.message, Catch::StartsWith("alerts[0].startsAt must be an ISO 8601 time"));
    CHECK_THAT(e.message, Catch::EndsWith("not \"yesterday\""));
  }
  SECTION("missing startsAt") {
    auto body = valid_notification();
    body["alerts"][0].erase("startsAt");
    CHECK(parse_error_of(body).message == "alerts[0].startsAt is missing");
  }
  SECTION("bad endsAt") {
    auto body = valid_notification();
    body["alerts"][0]["endsAt"] = "2026-11-24";
    CHECK(parse_error_of(body).field == "alerts[0].endsAt");
  }
  SECTION("a label that is not a string") {
    auto body = valid_notification();
    body["alerts"][0]["labels"]["port"] = 9100;
    CHECK(parse_error_of(body).message == "alerts[0].labels.port must be a string, not a number");
  }
  SECTION("missing groupKey") {
    auto body = valid_notification();
    body.erase("groupKey");
    CHECK(parse_error_of(body).message == "groupKey is missing");
  }
  SECTION("negative truncatedAlerts") {
    auto body = valid_notification();
    body["truncatedAlerts"] = -1;
    CHECK(parse_error_of(body).field == "truncatedAlerts");
  }
}

TEST_CASE("a storm of 10000 alerts in one notification parses", "[unit][ingest]") {
  // The size of a real storm without max_alerts: about 3.8 MB (README of the fixtures).
  auto body = nlohmann::json::parse(read_fixture("03-group-grows-to-4.json"));
  auto prototype = body["alerts"][0];
  auto& alerts = body["alerts"];
  alerts = nlohmann::json::array();
  for (int i = 0; i < 10'000; ++i) {
    auto a = prototype;
    auto instance = "db-" + std::to_string(i) + ":9100";
    a["labels"]["instance"] = instance;
    a["annotations"]["summary"] = "DiskFull on " + instance;
    a["annotations"]["description"] = "DiskFull has fired for " + instance + " in cluster prod.";
    a["startsAt"] = "2026-11-24T04:57:21.867005723Z";
    char fingerprint[17];
    std::snprintf(fingerprint, sizeof fingerprint, "%016x", i * 2654435761u);
    a["fingerprint"] = fingerprint;
    alerts.push_back(std::move(a));
  }
  auto text = body.dump();
  INFO("body of " << text.size() << " bytes");
  CHECK(text.size() > 3'500'000);
  auto parsed = parse_alertmanager(text);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->alerts.size() == 10'000);
  CHECK(parsed->alerts[9'999].title == "DiskFull on db-9999:9100");
  CHECK(parsed->title == "DiskFull");
}
