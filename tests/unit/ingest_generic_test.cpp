// Generic webhook parser (POST /webhooks/generic, SPEC §4).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "bot/ingest/generic.hpp"

using namespace oncall;

namespace {

std::string read_example(const std::string& name) {
  std::ifstream in(std::string(ONCALLBOT_SOURCE_DIR) + "/tests/fixtures/generic/" + name,
                   std::ios::binary);
  REQUIRE(in);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

error generic_error(std::string_view body) {
  auto parsed = parse_generic(body);
  REQUIRE_FALSE(parsed.ok());
  return parsed.err();
}

}  // namespace

TEST_CASE("a minimal generic alert fires at severity 3", "[unit][ingest]") {
  auto parsed = parse_generic(R"({"title": "Backup failed", "dedup_key": "backup-nightly"})");
  REQUIRE(parsed.ok());
  const auto& batch = *parsed;
  CHECK(batch.source == "generic");
  CHECK(batch.group_key == "backup-nightly");
  CHECK(batch.title == "Backup failed");
  CHECK(batch.group_labels.empty());
  CHECK(batch.truncated_alerts == 0);
  REQUIRE(batch.alerts.size() == 1);
  const auto& a = batch.alerts[0];
  CHECK(a.fingerprint == "backup-nightly");
  CHECK(a.title == "Backup failed");
  CHECK(a.status == alert_status::firing);
  CHECK(a.severity == 3);
  CHECK(a.links.empty());
  CHECK_FALSE(a.starts_at.has_value());  // the engine stamps arrival time from its clock
}

TEST_CASE("a full generic alert keeps labels, source and links", "[unit][ingest]") {
  auto parsed = parse_generic(R"({
    "title": "  Checkout error rate above 5%\n(last 10 minutes) ",
    "severity": "critical",
    "source": "ci-smoke",
    "dedup_key": "checkout-errors",
    "status": "firing",
    "labels": {"service": "checkout", "env": "prod"},
    "links": [
      {"label": "runbook", "url": "https://runbooks.example.com/checkout"},
      {"text": "dashboard", "href": "http://grafana.example.com/d/checkout"},
      {"url": "https://ci.example.com/jobs/1234"}
    ],
    "extra": "ignored"
  })");
  REQUIRE(parsed.ok());
  const auto& a = parsed->alerts.at(0);
  CHECK(a.title == "Checkout error rate above 5% (last 10 minutes)");
  CHECK(a.severity == 1);
  const label_map labels{{"env", "prod"}, {"service", "checkout"}, {"source", "ci-smoke"}};
  CHECK(a.labels == labels);
  CHECK(parsed->group_labels == a.labels);
  CHECK(parsed->source == "generic");
  const std::vector<oncall::link> links{{"runbook", "https://runbooks.example.com/checkout"},
                                {"dashboard", "http://grafana.example.com/d/checkout"},
                                {"link", "https://ci.example.com/jobs/1234"}};
  CHECK(a.links == links);
}

TEST_CASE("generic links may be an object of label to URL", "[unit][ingest]") {
  auto parsed = parse_generic(R"({"title": "t", "dedup_key": "k",
    "links": {"runbook": "https://r.example.com", "dashboard": "https://d.example.com"}})");
  REQUIRE(parsed.ok());
  // An object has no order: links come out sorted by label.
  const std::vector<oncall::link> links{{"dashboard", "https://d.example.com"},
                                {"runbook", "https://r.example.com"}};
  CHECK(parsed->alerts[0].links == links);
}

TEST_CASE("a resolved generic alert", "[unit][ingest]") {
  auto parsed = parse_generic(R"({"title": "t", "dedup_key": "k", "status": "resolved"})");
  REQUIRE(parsed.ok());
  CHECK(parsed->alerts[0].status == alert_status::resolved);
}

TEST_CASE("generic severity is a name or a number 1-4", "[unit][ingest]") {
  auto severity_of = [](const std::string& severity) {
    auto parsed =
        parse_generic(R"({"title": "t", "dedup_key": "k", "severity": )" + severity + "}");
    INFO(severity << ": " << (parsed ? "" : parsed.err().message));
    REQUIRE(parsed.ok());
    return parsed->alerts[0].severity;
  };
  CHECK(severity_of(R"("critical")") == 1);
  CHECK(severity_of(R"("Error")") == 2);
  CHECK(severity_of(R"("warning")") == 3);
  CHECK(severity_of(R"("info")") == 4);
  CHECK(severity_of(R"("SEV2")") == 2);
  CHECK(severity_of(R"("4")") == 4);
  CHECK(severity_of("1") == 1);
  CHECK(severity_of("4") == 4);
  CHECK(severity_of("null") == 3);
}

TEST_CASE("an unknown generic severity is refused with the valid values", "[unit][ingest]") {
  for (std::string severity : {R"("urgent")", "0", "5", "-1", "2.5", "true"}) {
    INFO(severity);
    auto e = generic_error(R"({"title": "t", "dedup_key": "k", "severity": )" + severity + "}");
    CHECK(e.field == "severity");
    CHECK_THAT(e.message, Catch::Contains("critical, error, warning, info"));
  }
  auto e = generic_error(R"({"title": "t", "dedup_key": "k", "severity": "urgent"})");
  CHECK_THAT(e.message, Catch::EndsWith(R"(not "urgent")"));
}

TEST_CASE("a generic alert without dedup_key or title is refused", "[unit][ingest]") {
  auto e = generic_error(R"({"title": "Backup failed"})");
  CHECK(e.message == "dedup_key is missing");
  CHECK(e.field == "dedup_key");
  CHECK(generic_error(R"({"title": "t", "dedup_key": ""})").message == "dedup_key is empty");
  CHECK(generic_error(R"({"title": "t", "dedup_key": 7})").message ==
        "dedup_key must be a string, not a number");
  CHECK(generic_error(R"({"dedup_key": "k"})").message == "title is missing");
  CHECK(generic_error(R"({"title": " \n ", "dedup_key": "k"})").message == "title is empty");
  auto long_key = std::string(300, 'k');
  CHECK(generic_error(R"({"title": "t", "dedup_key": ")" + long_key + "\"}").field ==
        "dedup_key");
}

TEST_CASE("a very long generic title is cut to 1024 characters", "[unit][ingest]") {
  std::string title;
  for (int i = 0; i < 2000; ++i) title += "\xC3\xA9";  // "é": two bytes, one character
  auto parsed = parse_generic(R"({"title": ")" + title + R"(", "dedup_key": "k"})");
  REQUIRE(parsed.ok());
  const auto& got = parsed->alerts[0].title;
  CHECK(got.size() == 1023 * 2 + 3);  // 1023 "é" and "…"
  CHECK_THAT(got, Catch::EndsWith("\xC3\xA9\xE2\x80\xA6"));
}

TEST_CASE("generic links must be http or https", "[unit][ingest]") {
  auto e = generic_error(R"json({"title": "t", "dedup_key": "k",
    "links": [{"label": "ok", "url": "https://example.com"},
              {"label": "click me", "url": "javascript:alert(1)"}]})json");
  CHECK(e.field == "links[1].url");
  CHECK(e.message ==
        R"msg(links[1].url must be an http or https URL, not "javascript:alert(1)")msg");
  CHECK(generic_error(R"({"title": "t", "dedup_key": "k", "links": {"x": "file:///etc/passwd"}})")
            .field == "links.x");
  CHECK(generic_error(R"({"title": "t", "dedup_key": "k", "links": [{"label": "x"}]})").message ==
        "links[0].url is missing");
  CHECK(generic_error(R"({"title": "t", "dedup_key": "k", "links": [{"url": "https://"}]})")
            .field == "links[0].url");
  CHECK(generic_error(R"({"title": "t", "dedup_key": "k", "links": "https://example.com"})")
            .field == "links");
}

TEST_CASE("generic labels must all be strings", "[unit][ingest]") {
  auto e = generic_error(
      R"({"title": "t", "dedup_key": "k", "labels": {"service": "api", "replicas": 3}})");
  CHECK(e.message == "labels.replicas must be a string, not a number");
  CHECK(e.field == "labels.replicas");
  CHECK(generic_error(R"({"title": "t", "dedup_key": "k", "labels": ["a"]})").message ==
        "labels must be an object of strings, not an array");
}

TEST_CASE("a generic alert with a bad status or malformed JSON is refused", "[unit][ingest]") {
  CHECK(generic_error(R"({"title": "t", "dedup_key": "k", "status": "acked"})").field ==
        "status");
  auto e = generic_error(R"({"title": "t", "dedup_key": )");
  CHECK_THAT(e.message, Catch::StartsWith("the body is not valid JSON: "));
  CHECK_THAT(generic_error("").message, Catch::StartsWith("the body is not valid JSON: "));
  CHECK(generic_error(R"("just a string")").message ==
        "the body must be a JSON object, not a string");
}

TEST_CASE("the documented generic examples parse", "[unit][ingest]") {
  auto minimal = parse_generic(read_example("minimal.json"));
  REQUIRE(minimal.ok());
  CHECK(minimal->group_key == "backup-nightly");

  auto full = parse_generic(read_example("full.json"));
  REQUIRE(full.ok());
  CHECK(full->alerts[0].severity == 1);
  CHECK(full->alerts[0].links.size() == 2);
  CHECK(full->group_labels.at("source") == "ci-smoke");

  auto resolved = parse_generic(read_example("resolved.json"));
  REQUIRE(resolved.ok());
  CHECK(resolved->group_key == full->group_key);
  CHECK(resolved->alerts[0].status == alert_status::resolved);
  CHECK(resolved->alerts[0].links.at(0).label == "runbook");
}
