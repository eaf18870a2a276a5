// Deploy events: the webhook parser (every bad field named), their storage, the engine's
// timeline entries on open incidents of the service, and the postmortem's two-hour window.
#include <catch2/catch.hpp>

#include "bot/ingest/deploy.hpp"
#include "bot/report/postmortem.hpp"
#include "bot/report/postmortem_model.hpp"
#include "bot/store/sqlite_store.hpp"
#include "engine_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

using namespace std::chrono_literals;

std::string field_of(std::string_view body) {
  auto d = parse_deploy(body);
  REQUIRE_FALSE(d);
  INFO(d.err().message);
  CHECK_FALSE(d.err().message.empty());
  return d.err().field;
}

deploy deploy_of(const std::string& service, const std::string& version, time_point at) {
  deploy d;
  d.service = service;
  d.version = version;
  d.at = at;
  return d;
}

}  // namespace

TEST_CASE("a deploy event reads every field", "[unit][deploy]") {
  auto d = parse_deploy(R"({"service":"checkout","version":"v42","commit":"abc123","author":"alice",
                            "url":"https://ci.example/runs/7","extra":{"ignored":true}})");
  REQUIRE(d);
  CHECK(d->service == "checkout");
  CHECK(d->version == "v42");
  CHECK(d->commit == "abc123");
  CHECK(d->author == "alice");
  CHECK(d->url == "https://ci.example/runs/7");
  auto minimal = parse_deploy(R"({"service":"checkout","version":"v42","url":null})");
  REQUIRE(minimal);
  CHECK(minimal->commit.empty());
  CHECK(minimal->url.empty());
}

TEST_CASE("a bad deploy event names the field", "[unit][deploy]") {
  CHECK(field_of(R"({"version":"v1"})") == "service");
  CHECK(field_of(R"({"service":"","version":"v1"})") == "service");
  CHECK(field_of(R"({"service":"api"})") == "version");
  CHECK(field_of(R"({"service":7,"version":"v1"})") == "service");
  CHECK(field_of(R"({"service":"api","version":"v1","commit":["a"]})") == "commit");
  CHECK(field_of(R"({"service":"api","version":"v1","author":"a\nb"})") == "author");
  CHECK(field_of(R"({"service":"api","version":"v1","url":"javascript:void"})") == "url");
  const std::string long_service = "{\"service\":\"" + std::string(300, 'x') + "\",\"version\":\"v1\"}";
  CHECK(field_of(long_service) == "service");
  auto not_json = parse_deploy("{service");
  REQUIRE_FALSE(not_json);
  CHECK(not_json.err().message.find("not valid JSON") != std::string::npos);
  CHECK_FALSE(parse_deploy("[]"));
}

TEST_CASE("deploys read back by service and time window", "[unit][deploy][store]") {
  sqlite_store st(":memory:");
  auto t = test_start();
  auto d = deploy_of("api", "v1", t);
  d.commit = "abc";
  d.author = "alice";
  d.url = "https://ci.example/1";
  d.id = st.insert_deploy(d);
  st.insert_deploy(deploy_of("web", "v9", t));
  st.insert_deploy(deploy_of("api", "v2", t + 1h));
  auto found = st.deploys_between("api", t, t + 1h);
  REQUIRE(found.size() == 1);
  CHECK(found[0] == d);
  CHECK(st.deploys_between("api", t - 1h, t + 2h).size() == 2);
}

TEST_CASE("the engine puts a deploy on the timeline of open incidents of its service", "[unit][deploy][engine]") {
  engine_fixture f;
  auto api = batch("api-down", {firing("a1", "API down")});
  api.group_labels["service"] = "api";
  auto opened = f.engine.ingest(api);
  REQUIRE(opened.opened.size() == 1);
  auto other = batch("web-down", {firing("w1", "Web down")});
  other.group_labels["service"] = "web";
  f.engine.ingest(other);
  auto d = deploy_of("api", "v43", {});
  d.author = "bob";
  auto touched = f.engine.record_deploy(d);
  CHECK(touched == opened.opened);
  auto tl = f.engine.timeline(opened.opened[0]);
  REQUIRE_FALSE(tl.empty());
  CHECK(tl.back().kind == "deploy");
  CHECK(tl.back().text.find("api v43") != std::string::npos);
  CHECK(f.store.count_rows("deploys") == 1);
}

TEST_CASE("the postmortem lists the service's deploys in the two hours before detection", "[unit][deploy][postmortem]") {
  sqlite_store st(":memory:");
  auto opened = at("2026-12-04T13:00:00Z");
  incident inc;
  inc.key = "generic:api";
  inc.title = "API down";
  inc.source = "generic";
  inc.opened_at = opened;
  inc.labels["service"] = "api";
  inc.cause = root_cause::deploy;
  auto id = st.insert_incident(inc);
  st.insert_deploy(deploy_of("api", "too-old", opened - 2h - 1s));
  st.insert_deploy(deploy_of("api", "suspect", opened - 30min));
  st.insert_deploy(deploy_of("api", "same-millisecond", opened));  // received just before the alert
  st.insert_deploy(deploy_of("web", "other-service", opened - 10min));
  st.insert_deploy(deploy_of("api", "the-fix", opened + 10min));
  auto d = build_postmortem(st, config{}, id, opened + 1h);
  REQUIRE(d);
  REQUIRE(d->deploys.size() == 2);
  CHECK(d->deploys[0].version == "suspect");
  CHECK(d->deploys[1].version == "same-millisecond");
  auto md = render_postmortem(st, config{}, id, postmortem_format::markdown, opened + 1h);
  REQUIRE(md);
  auto category = md->find("Category: **deploy**");
  auto listed = md->find("**api** suspect");
  CHECK(category != std::string::npos);
  CHECK(listed != std::string::npos);
  CHECK(listed > category);
  CHECK(md->find("too-old") == std::string::npos);
}
