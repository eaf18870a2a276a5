// Role: jirasim against the request and response shapes of Atlassian's published REST docs
// (payloads written here in the documented shapes): create (201 {id,key,self}; 400
// {errorMessages, errors{field}}), read with fields, edit, comment, transitions, attachments with
// the XSRF header, search by label on Cloud (/rest/api/3/search/jql) and Data Center
// (/rest/api/2/search), authentication per flavor, and the control API's faults.
#include <catch2/catch.hpp>

#include "jirasim_process.hpp"

using namespace jirasim_test;

namespace {

httplib::Headers auth(const std::string& value = cloud_auth()) { return {{"Authorization", value}}; }

json parse(const httplib::Result& r) { return json::parse(r->body, nullptr, false); }

json create(jirasim_process& sim, const json& fields, int expect = 201) {
  auto r = sim.api().Post("/rest/api/2/issue", auth(), json{{"fields", fields}}.dump(), "application/json");
  REQUIRE(r);
  CHECK(r->status == expect);
  return parse(r);
}

json task(const std::string& summary, std::vector<std::string> labels = {}) {
  return {{"project", {{"key", "OPS"}}}, {"summary", summary}, {"issuetype", {{"name", "Task"}}},
          {"labels", labels}};
}

}  // namespace

TEST_CASE("create issue answers 201 with id, key and self, and the issue reads back", "[jirasim]") {
  jirasim_process sim;
  // The documented create shape: project by key, issue type by name, summary, description.
  auto created = create(sim, {{"project", {{"key", "OPS"}}},
                              {"summary", "Checkout latency above SLO"},
                              {"description", "Opened from a test"},
                              {"issuetype", {{"name", "Incident"}}},
                              {"labels", {"oncallbot-incident-4"}}});
  REQUIRE(created["key"] == "OPS-1");
  CHECK(created["id"].is_string());
  CHECK(created["self"].get<std::string>().ends_with("/rest/api/2/issue/" + created["id"].get<std::string>()));

  auto r = sim.api().Get("/rest/api/2/issue/OPS-1?fields=summary,status,labels", auth());
  REQUIRE(r->status == 200);
  auto issue = parse(r);
  CHECK(issue["key"] == "OPS-1");
  CHECK(issue["fields"]["summary"] == "Checkout latency above SLO");
  CHECK(issue["fields"]["labels"] == json::array({"oncallbot-incident-4"}));
  CHECK(issue["fields"]["status"]["statusCategory"]["key"] == "new");
  CHECK_FALSE(issue["fields"].contains("description"));  // not asked for
}

TEST_CASE("create issue refuses missing or invalid fields with errors by field", "[jirasim]") {
  jirasim_process sim;
  auto e = create(sim, {{"project", {{"key", "OPS"}}}, {"issuetype", {{"name", "Task"}}}}, 400);
  CHECK(e["errorMessages"] == json::array());
  CHECK(e["errors"]["summary"] == "You must specify a summary of the issue.");
  e = create(sim, {{"project", {{"key", "NOPE"}}}, {"summary", "x"}, {"issuetype", {{"name", "Epic"}}}}, 400);
  CHECK(e["errors"].contains("project"));
  CHECK(e["errors"].contains("issuetype"));
  e = create(sim, task("x", {"has space"}), 400);
  CHECK(e["errors"].contains("labels"));
  // Cloud knows people by accountId only.
  auto f = task("x");
  f["assignee"] = {{"name", "alice"}};
  CHECK(create(sim, f, 400)["errors"].contains("assignee"));
  auto issues = json::parse(sim.control().Get("/_sim/issues")->body)["issues"];
  CHECK(issues.empty());
}

TEST_CASE("assignees: accountId on Cloud, name on Data Center, known users only", "[jirasim]") {
  jirasim_process cloud({"--users", "557058:alice"});
  auto f = task("x");
  f["assignee"] = {{"accountId", "557058:alice"}};
  create(cloud, f);
  f["assignee"] = {{"accountId", "557058:nobody"}};
  create(cloud, f, 400);

  jirasim_process dc({"--flavor", "datacenter", "--users", "alice"});
  f["assignee"] = {{"name", "alice"}};
  auto r = dc.api().Post("/rest/api/2/issue", auth("Bearer jira-test-token"), json{{"fields", f}}.dump(),
                         "application/json");
  REQUIRE(r->status == 201);
  auto issue = parse(dc.api().Get("/rest/api/2/issue/OPS-1?fields=assignee", auth("Bearer jira-test-token")));
  CHECK(issue["fields"]["assignee"]["name"] == "alice");
}

TEST_CASE("authentication: Basic on Cloud, Bearer PAT on Data Center, 401 otherwise", "[jirasim]") {
  jirasim_process cloud;
  auto r = cloud.api().Get("/rest/api/2/issue/OPS-1");
  REQUIRE(r);
  CHECK(r->status == 401);
  CHECK(parse(r)["errorMessages"].size() == 1);
  CHECK(cloud.api().Get("/rest/api/2/issue/OPS-1", auth("Bearer jira-test-token"))->status == 401);
  CHECK(cloud.api().Get("/rest/api/2/issue/OPS-1", auth(cloud_auth("bot@example.com", "wrong")))->status == 401);
  CHECK(cloud.api().Get("/rest/api/2/issue/OPS-1", auth())->status == 404);

  jirasim_process dc({"--flavor", "datacenter"});
  CHECK(dc.api().Get("/rest/api/2/issue/OPS-1", auth("Bearer jira-test-token"))->status == 404);
  CHECK(dc.api().Get("/rest/api/2/issue/OPS-1", auth("Bearer other"))->status == 401);
}

TEST_CASE("a POST without a JSON content type gets 415", "[jirasim]") {
  jirasim_process sim;
  auto r = sim.api().Post("/rest/api/2/issue", auth(), json{{"fields", task("x")}}.dump(), "text/plain");
  CHECK(r->status == 415);
}

TEST_CASE("edit, comment and transitions change the issue as Jira would", "[jirasim]") {
  jirasim_process sim;
  create(sim, task("before"));
  auto api = sim.api();
  auto r = api.Put("/rest/api/2/issue/OPS-1", auth(), json{{"fields", {{"summary", "after"}}}}.dump(),
                   "application/json");
  CHECK(r->status == 204);
  r = api.Post("/rest/api/2/issue/OPS-1/comment", auth(), json{{"body", "resolved at 10:02"}}.dump(),
               "application/json");
  CHECK(r->status == 201);
  CHECK(parse(r)["body"] == "resolved at 10:02");

  auto t = parse(api.Get("/rest/api/2/issue/OPS-1/transitions", auth()));
  std::string done_id;
  for (const auto& tr : t["transitions"]) {
    if (tr["to"]["statusCategory"]["key"] == "done") done_id = tr["id"];
  }
  REQUIRE_FALSE(done_id.empty());
  r = api.Post("/rest/api/2/issue/OPS-1/transitions", auth(), json{{"transition", {{"id", done_id}}}}.dump(),
               "application/json");
  CHECK(r->status == 204);
  r = api.Post("/rest/api/2/issue/OPS-1/transitions", auth(), json{{"transition", {{"id", "999"}}}}.dump(),
               "application/json");
  CHECK(r->status == 400);
  auto issue = parse(api.Get("/rest/api/2/issue/OPS-1?fields=summary,status", auth()));
  CHECK(issue["fields"]["summary"] == "after");
  CHECK(issue["fields"]["status"]["name"] == "Done");
  CHECK(issue["fields"]["status"]["statusCategory"]["key"] == "done");
  auto flat = json::parse(sim.control().Get("/_sim/issues")->body)["issues"][0];
  CHECK(flat["comments"] == json::array({"resolved at 10:02"}));
}

TEST_CASE("search by label: Cloud's /rest/api/3/search/jql and Data Center's /rest/api/2/search", "[jirasim]") {
  jirasim_process cloud;
  create(cloud, task("a", {"oncallbot-incident-1"}));
  create(cloud, task("b", {"oncallbot-incident-2"}));
  auto r = cloud.api().Get(
      "/rest/api/3/search/jql?jql=project%20%3D%20OPS%20AND%20labels%20%3D%20%22oncallbot-incident-2%22&fields=summary,labels",
      auth());
  REQUIRE(r->status == 200);
  auto found = parse(r);
  CHECK(found["isLast"] == true);
  REQUIRE(found["issues"].size() == 1);
  CHECK(found["issues"][0]["key"] == "OPS-2");
  CHECK(found["issues"][0]["fields"]["summary"] == "b");
  // Without fields, the enhanced search returns ids only.
  found = parse(cloud.api().Get("/rest/api/3/search/jql?jql=labels%20%3D%20oncallbot-incident-1", auth()));
  CHECK(found["issues"][0] == json{{"id", "10000"}});
  CHECK(cloud.api().Get("/rest/api/2/search?jql=labels%3Dx", auth())->status == 410);
  CHECK(cloud.api().Get("/rest/api/3/search/jql?jql=summary~x", auth())->status == 400);

  jirasim_process dc({"--flavor", "datacenter"});
  auto bearer = auth("Bearer jira-test-token");
  dc.api().Post("/rest/api/2/issue", bearer, json{{"fields", task("c", {"oncallbot-incident-9"})}}.dump(),
                "application/json");
  found = parse(dc.api().Get("/rest/api/2/search?jql=labels%20%3D%20%22oncallbot-incident-9%22&fields=status", bearer));
  CHECK(found["total"] == 1);
  CHECK(found["startAt"] == 0);
  CHECK(found["issues"][0]["fields"]["status"]["statusCategory"]["key"] == "new");
}

TEST_CASE("attachments need X-Atlassian-Token: no-check and a multipart part named file", "[jirasim]") {
  jirasim_process sim;
  create(sim, task("x"));
  httplib::MultipartFormDataItems items = {{"file", "# Postmortem", "postmortem-1.md", "text/markdown"}};
  auto r = sim.api().Post("/rest/api/2/issue/OPS-1/attachments", auth(), items);
  CHECK(r->status == 403);
  auto headers = auth();
  headers.emplace("X-Atlassian-Token", "no-check");
  r = sim.api().Post("/rest/api/2/issue/OPS-1/attachments", headers, items);
  REQUIRE(r->status == 200);
  CHECK(parse(r)[0]["filename"] == "postmortem-1.md");
  auto flat = json::parse(sim.control().Get("/_sim/issues")->body)["issues"][0];
  CHECK(flat["attachments"][0]["content"] == "# Postmortem");
}

TEST_CASE("control API: injected 429 with Retry-After, failures after applying, down and up", "[jirasim]") {
  jirasim_process sim;
  sim.control().Post("/_sim/fail", R"({"status":429,"count":1,"retry_after":7})", "application/json");
  auto r = sim.api().Post("/rest/api/2/issue", auth(), json{{"fields", task("x")}}.dump(), "application/json");
  CHECK(r->status == 429);
  CHECK(r->get_header_value("Retry-After") == "7");
  CHECK(json::parse(sim.control().Get("/_sim/issues")->body)["issues"].empty());

  sim.control().Post("/_sim/fail", R"({"status":503,"count":1,"after_applying":true})", "application/json");
  r = sim.api().Post("/rest/api/2/issue", auth(), json{{"fields", task("y")}}.dump(), "application/json");
  CHECK(r->status == 503);
  CHECK(json::parse(sim.control().Get("/_sim/issues")->body)["issues"].size() == 1);

  // Only matching requests fail: here the create, not the search before it.
  sim.control().Post("/_sim/fail", R"({"status":502,"count":1,"method":"POST","path":"/rest/api/2/issue"})",
                     "application/json");
  CHECK(sim.api().Get("/rest/api/2/issue/OPS-1", auth())->status == 200);
  r = sim.api().Post("/rest/api/2/issue", auth(), json{{"fields", task("z")}}.dump(), "application/json");
  CHECK(r->status == 502);

  sim.control().Post("/_sim/down", "", "application/json");
  CHECK_FALSE(sim.api().Get("/rest/api/2/issue/OPS-1", auth()));
  sim.control().Post("/_sim/up", "", "application/json");
  r = sim.api().Get("/rest/api/2/issue/OPS-1", auth());
  REQUIRE(r);
  CHECK(r->status == 200);

  sim.control().Post("/_sim/issues/OPS-1/status", R"({"status":"In Progress"})", "application/json");
  auto issue = parse(sim.api().Get("/rest/api/2/issue/OPS-1?fields=status", auth()));
  CHECK(issue["fields"]["status"]["statusCategory"]["key"] == "indeterminate");
  auto log = json::parse(sim.control().Get("/_sim/requests")->body)["requests"];
  CHECK(log.size() >= 4);
}
