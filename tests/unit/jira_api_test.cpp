// The Jira request and answer rules without sockets: Cloud vs Data Center (auth, search
// endpoint, assignee shape), the fields of incident and follow-up issues, reading searches and
// transitions, sorting failures into retried and reported ones; tracker config errors; the
// tracker tables in storage; and the handover's follow-up lines.
#include <catch2/catch.hpp>

#include "bot/engine/handover_message.hpp"
#include "bot/store/sqlite_store.hpp"
#include "bot/tracker/jira_api.hpp"
#include "config/loader.hpp"
#include "config_test_support.hpp"

using namespace oncall;
using nlohmann::json;

namespace {

tracker_config cloud() {
  tracker_config t;
  t.kind = "jira";
  t.url = "https://example.atlassian.net";
  t.project = "OPS";
  t.user = "bot@example.com";
  t.token = "secret";
  return t;
}

tracker_config datacenter() {
  auto t = cloud();
  t.url = "https://jira.example.com";
  t.user.clear();
  return t;
}

incident resolved_incident() {
  incident inc;
  inc.id = 7;
  inc.title = "Checkout errors";
  inc.source = "alertmanager";
  inc.severity = 2;
  inc.state = incident_state::resolved;
  inc.opened_at = from_millis(1'700'000'000'000);
  inc.resolved_at = inc.opened_at + std::chrono::minutes(42);
  inc.resolved_by = "alice";
  inc.links.push_back({"runbook", "https://runbooks/checkout"});
  return inc;
}

}  // namespace

TEST_CASE("Cloud uses Basic email:token and the enhanced search; Data Center a Bearer PAT and /search",
          "[unit][jira]") {
  CHECK(jira_authorization(cloud()) == "Basic Ym90QGV4YW1wbGUuY29tOnNlY3JldA==");
  CHECK(jira_authorization(datacenter()) == "Bearer secret");
  CHECK(search_path(cloud(), 7).rfind("/rest/api/3/search/jql?jql=", 0) == 0);
  CHECK(search_path(datacenter(), 7).rfind("/rest/api/2/search?jql=", 0) == 0);
  CHECK(search_path(cloud(), 7).find("oncallbot-incident-7") != std::string::npos);
  CHECK(search_path(cloud(), 7).find("fields=summary,labels,status") != std::string::npos);
  auto r = jira_request(cloud(), "POST", "/rest/api/2/issue", "{}");
  CHECK(r.url == "https://example.atlassian.net/rest/api/2/issue");
  CHECK(std::find(r.headers.begin(), r.headers.end(), std::pair<std::string, std::string>{"Content-Type", "application/json"}) !=
        r.headers.end());
}

TEST_CASE("an incident issue carries summary, severity, times, the room link and the incident label",
          "[unit][jira]") {
  auto inc = resolved_incident();
  auto fields = incident_issue_fields(cloud(), {inc, "https://slack.com/archives/C1/p1"}, true);
  CHECK(fields["summary"] == "Incident #7 (SEV2): Checkout errors");
  CHECK(fields["project"]["key"] == "OPS");
  CHECK(fields["issuetype"]["name"] == "Incident");
  CHECK(fields["labels"] == json::array({"oncallbot", "oncallbot-incident-7"}));
  const std::string d = fields["description"];
  CHECK(d.find("*Resolved:* ") != std::string::npos);
  CHECK(d.find("*Time to resolve:* 42m") != std::string::npos);
  CHECK(d.find("*Incident room:* [https://slack.com/archives/C1/p1]") != std::string::npos);
  CHECK(d.find("*runbook:* [https://runbooks/checkout]") != std::string::npos);
  // An update leaves project and type alone.
  auto update = incident_issue_fields(cloud(), {inc, ""}, false);
  CHECK_FALSE(update.contains("project"));
  CHECK_FALSE(update.contains("issuetype"));
  CHECK(incident_update_comment(inc).find("resolved") != std::string::npos);
}

TEST_CASE("a follow-up issue is assigned by accountId on Cloud and by name on Data Center", "[unit][jira]") {
  followup f;
  f.id = 3;
  f.incident_id = 7;
  f.text = "add an alert on queue depth";
  f.owner = "bob";
  auto inc = resolved_incident();
  auto c = followup_issue_fields(cloud(), f, inc, "557058:bob", "");
  CHECK(c["assignee"] == json{{"accountId", "557058:bob"}});
  CHECK(c["issuetype"]["name"] == "Task");
  CHECK(c["labels"] == json::array({"oncallbot", "oncallbot-incident-7", "oncallbot-followup-3"}));
  auto d = followup_issue_fields(datacenter(), f, inc, "bob.jira", "");
  CHECK(d["assignee"] == json{{"name", "bob.jira"}});
  CHECK_FALSE(followup_issue_fields(cloud(), f, inc, "", "").contains("assignee"));
  f.text = std::string(300, 'x');
  CHECK(followup_issue_fields(cloud(), f, inc, "", "")["summary"].get<std::string>().size() < 256);
}

TEST_CASE("search results are told apart by label: the incident's own ticket and each follow-up's",
          "[unit][jira]") {
  auto body = json::parse(R"({"issues":[
    {"id":"1","key":"OPS-2","fields":{"labels":["oncallbot-incident-7","oncallbot-followup-3"],
      "status":{"name":"In Progress","statusCategory":{"key":"indeterminate"}}}},
    {"id":"2","key":"OPS-1","fields":{"labels":["oncallbot-incident-7"],
      "status":{"name":"To Do","statusCategory":{"key":"new"}}}}],"isLast":true})");
  auto found = parse_search(body);
  REQUIRE(found.size() == 2);
  CHECK(found[0].category == "indeterminate");
  CHECK(incident_ticket_in(found)->key == "OPS-1");
  CHECK(followup_ticket_in(found, 3)->key == "OPS-2");
  CHECK_FALSE(followup_ticket_in(found, 4));
  CHECK(parse_search(json::parse(R"({"startAt":0,"total":0,"issues":[]})")).empty());
}

TEST_CASE("the done transition is the one into the done status category", "[unit][jira]") {
  auto body = json::parse(R"({"transitions":[
    {"id":"21","name":"Start","to":{"name":"In Progress","statusCategory":{"key":"indeterminate"}}},
    {"id":"31","name":"Close","to":{"name":"Closed","statusCategory":{"key":"done"}}}]})");
  CHECK(done_transition(body) == "31");
  CHECK_FALSE(done_transition(json::parse(R"({"transitions":[]})")));
}

TEST_CASE("failures: unreachable, 5xx and 429 are retried; 400, 401, 403 and 404 name the fix",
          "[unit][jira]") {
  http_response down;
  down.error = "connection refused";
  CHECK(read_answer(cloud(), down).failure == jira_failure::unreachable);
  CHECK_FALSE(read_answer(cloud(), down).permanent());
  http_response limited{429, {{"retry-after", "7"}}, "", ""};
  auto a = read_answer(cloud(), limited);
  CHECK(a.failure == jira_failure::rate_limited);
  CHECK(a.retry_after == duration{7000});
  CHECK_FALSE(read_answer(cloud(), {503, {}, "", ""}).permanent());
  auto invalid = read_answer(cloud(), {400, {}, R"({"errorMessages":[],"errors":{"assignee":"Specify a valid value for assignee"}})", ""});
  CHECK(invalid.permanent());
  CHECK(invalid.message.find("assignee: Specify a valid value for assignee") != std::string::npos);
  CHECK(invalid.message.find("people[].jira") != std::string::npos);
  auto auth = read_answer(cloud(), {401, {}, "", ""});
  CHECK(auth.failure == jira_failure::auth);
  CHECK(auth.message.find("tracker.token") != std::string::npos);
  CHECK(auth.message.find("secret") == std::string::npos);
  CHECK(read_answer(cloud(), {403, {}, "", ""}).permanent());
  CHECK(read_answer(cloud(), {201, {}, R"({"id":"1","key":"OPS-1","self":"x"})", ""}).ok());
}

TEST_CASE("tracker config: unknown keys, a bad project key and a too-short sync are errors",
          "[unit][config][jira]") {
  auto r = oncall::test::load(
      "tracker:\n"
      "  kind: jira\n"
      "  url: https://example.atlassian.net\n"
      "  project: ops team\n"
      "  token: t\n"
      "  sync_every: 10ms\n"
      "  labels: [x]\n");
  INFO(oncall::test::all_messages(r));
  CHECK_FALSE(r.cfg);
  auto has = [&](const std::string& path) {
    return std::any_of(r.errors.begin(), r.errors.end(), [&](const auto& e) { return e.path.find(path) == 0; });
  };
  CHECK(has("tracker.project"));
  CHECK(has("tracker.sync_every"));
  CHECK(has("tracker.labels"));
  auto ok = oncall::test::load(
      "tracker: {kind: jira, url: https://jira.example.com, project: OPS, token: t, sync_every: 30s}\n");
  INFO(oncall::test::all_messages(ok));
  REQUIRE(ok.cfg);
  CHECK(ok.cfg->tracker->sync_every == duration{30'000});
  CHECK(ok.cfg->tracker->followup_type == "Task");
}

TEST_CASE("tracker jobs: one pending per kind and subject; tickets saved and found", "[unit][store][jira]") {
  sqlite_store st(":memory:");
  tracker_job j;
  j.kind = tracker_job_kind::followup_ticket;
  j.incident_id = 1;
  j.followup_id = 2;
  j.created_at = from_millis(1000);
  CHECK(st.enqueue_tracker_job(j));
  CHECK_FALSE(st.enqueue_tracker_job(j));  // asked twice: filed once
  auto pending = st.tracker_jobs("pending");
  REQUIRE(pending.size() == 1);
  pending[0].state = "done";
  pending[0].attempts = 2;
  st.update_tracker_job(pending[0]);
  CHECK(st.tracker_jobs("done")[0].attempts == 2);
  CHECK(st.enqueue_tracker_job(j));  // done ones do not block new work
  ticket t{1, 2, "OPS-3", "https://x/browse/OPS-3", "To Do", "new", from_millis(2000)};
  st.save_ticket(t);
  CHECK(st.find_ticket(1, 2) == t);
  t.category = "done";
  st.save_ticket(t);
  CHECK(st.tickets(1).size() == 1);
  CHECK(st.tickets(1)[0].state() == ticket_state::done);
  CHECK_FALSE(st.find_ticket(1, 0));
}

TEST_CASE("the handover lists open follow-ups with their tickets and those done in the shift",
          "[unit][handover][jira]") {
  handover h;
  h.id = 1;
  h.schedule = "primary";
  shift_summary s;
  followup open;
  open.id = 2;
  open.incident_id = 7;
  open.text = "raise the pool limit";
  open.owner = "carol";
  s.open_followups.push_back({open, ticket{7, 2, "OPS-3", "https://x/browse/OPS-3", "In Progress", "indeterminate", {}}});
  followup done = open;
  done.id = 1;
  s.done_followups.push_back({done, ticket{7, 1, "OPS-2", "https://x/browse/OPS-2", "Done", "done", {}}});
  auto m = render_handover({h, s, {rt::text("alice")}, {rt::text("bob")}, duration{0}, {}});
  auto text = plain_text(m);
  CHECK(text.find("Open follow-ups:") != std::string::npos);
  CHECK(text.find("F2 (#7) raise the pool limit — carol — OPS-3 in progress") != std::string::npos);
  CHECK(text.find("Follow-ups done this shift: F1 (OPS-2)") != std::string::npos);
}
