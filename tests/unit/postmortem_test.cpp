// The postmortem draft from a store: moments and durations, responders, key events before the
// full log, runbook runs, cause and follow-ups, both zones, secrets hidden, file names, and a
// user template.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "bot/report/postmortem.hpp"
#include "bot/report/postmortem_json.hpp"
#include "bot/report/postmortem_markdown.hpp"
#include "bot/report/postmortem_model.hpp"
#include "bot/store/sqlite_store.hpp"
#include "engine_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

using namespace std::chrono_literals;

config team_config() {
  config cfg;
  cfg.postmortems.timezone = "Europe/Berlin";
  cfg.http.webhook_tokens = {"s3cret-webhook-token"};
  return cfg;
}

struct filled_store {
  sqlite_store st{":memory:"};
  std::int64_t id = 0;
  time_point opened = at("2026-12-04T13:00:00Z");

  filled_store() {
    incident inc;
    inc.key = "generic:checkout";
    inc.title = "Checkout 5xx / EU";
    inc.source = "generic";
    inc.severity = 2;
    inc.opened_at = opened;
    inc.acked_at = opened + 4min;
    inc.acked_by = "alice";
    inc.resolved_at = opened + 50min;
    inc.resolved_by = "bob";
    inc.state = incident_state::resolved;
    inc.lead = "carol";
    inc.cause = root_cause::deploy;
    inc.cause_text = "bad config in v42";
    id = st.insert_incident(inc);
    alert a;
    a.fingerprint = "f1";
    a.title = "Checkout error rate";
    a.starts_at = opened - 2min;
    a.links = {{"runbook", "https://wiki.example/checkout"}, {"evil", "javascript:alert(1)"}};
    st.upsert_alert(id, a, opened);
    entry("alert", "generic", "Checkout error rate firing", 0s);
    entry("message", "alice", "looking at it", 5min);
    entry("status", "carol", "Mitigated: traffic moved to US", 20min, true);
    entry("message", "bob", "token is s3cret-webhook-token oops", 25min);
    entry("message", "bob", "rollback done", 30min, true);
    notification n;
    n.incident_id = id;
    n.target = "schedule:primary";
    n.person = "dave";
    n.reason = "on call for primary";
    n.at = opened;
    st.insert_notification(n);
    runbook_run r;
    r.runbook = "rollback";
    r.requested_by = "bob";
    r.incident_id = id;
    r.state = "succeeded";
    r.params = {{"env", "prod"}};
    r.requested_at = opened + 28min;
    r.started_at = opened + 28min;
    r.ended_at = opened + 29min;
    r.exit_code = 0;
    r.output = "secret output";
    st.insert_runbook_run(r);
    followup f;
    f.incident_id = id;
    f.text = "Canary config changes";
    f.owner = "alice";
    f.created_by = "carol";
    f.created_at = opened + 40min;
    st.insert_followup(f);
  }

  void entry(const std::string& kind, const std::string& author, const std::string& text,
             duration after, bool key = false) {
    timeline_entry e;
    e.incident_id = id;
    e.at = opened + after;
    e.kind = kind;
    e.author = author;
    e.text = text;
    e.key_event = key;
    st.append_timeline(e);
  }

  std::string render(postmortem_format f, const config& cfg = team_config()) {
    auto out = render_postmortem(st, cfg, id, f, opened + 2h);
    INFO((out ? std::string() : out.err().message));
    REQUIRE(out);
    return *out;
  }
};

std::size_t position(const std::string& text, const std::string& needle) {
  auto p = text.find(needle);
  INFO(needle);
  CHECK(p != std::string::npos);
  return p;
}

}  // namespace

TEST_CASE("the postmortem model derives the moments, durations and responders", "[unit][postmortem]") {
  filled_store fs;
  auto d = build_postmortem(fs.st, team_config(), fs.id, fs.opened + 2h);
  REQUIRE(d);
  CHECK(d->timezone == "Europe/Berlin");
  CHECK(d->times.started == fs.opened - 2min);
  CHECK(d->times.detected == fs.opened);
  CHECK(d->times.acknowledged == fs.opened + 4min);
  CHECK(d->times.mitigated == fs.opened + 20min);
  CHECK(d->times.resolved == fs.opened + 50min);
  std::vector<std::string> names;
  for (const auto& r : d->responders) names.push_back(r.name);
  CHECK(names == std::vector<std::string>{"carol", "alice", "dave", "bob"});
  CHECK(d->responders[0].roles == std::vector<std::string>{"lead", "posted status"});
  CHECK(d->responders[3].roles == std::vector<std::string>{"spoke", "resolved", "ran runbooks"});
  CHECK(d->runbook_runs.at(0).output.empty());
}

TEST_CASE("a postmortem for a missing incident is an error naming it", "[unit][postmortem]") {
  sqlite_store st(":memory:");
  auto out = render_postmortem(st, team_config(), 7, postmortem_format::markdown, test_start());
  REQUIRE_FALSE(out);
  CHECK(out.err().message.find("#7") != std::string::npos);
}

TEST_CASE("the Markdown draft has every section, key events before the full log", "[unit][postmortem]") {
  filled_store fs;
  auto md = fs.render(postmortem_format::markdown);
  CHECK(md.starts_with("# Postmortem draft: #1 Checkout 5xx / EU\n"));
  // Times in both zones: 13:00 UTC is 14:00 in Berlin in December.
  CHECK(md.find("| Detected | 2026-12-04 13:00:00 UTC | 2026-12-04 14:00:00 CET |") != std::string::npos);
  CHECK(md.find("Time to acknowledge: 4m") != std::string::npos);
  CHECK(md.find("Time to resolve: 50m") != std::string::npos);
  CHECK(md.find("[runbook](https://wiki.example/checkout)") != std::string::npos);
  CHECK(md.find("(javascript") == std::string::npos);  // not a link
  CHECK(md.find("Category: **deploy**") != std::string::npos);
  CHECK(md.find("bad config in v42") != std::string::npos);
  CHECK(md.find("| rollback | bob | env=prod | 2026-12-04 13:28:00 UTC | succeeded | 0 |") != std::string::npos);
  CHECK(md.find("- [ ] F1 Canary config changes (owner: alice)") != std::string::npos);
  auto key = position(md, "## Key events");
  auto full = position(md, "## Timeline");
  auto pinned_in_key = md.find("rollback done", key);
  CHECK(pinned_in_key < full);
  auto looking = md.find("looking at it", full);
  auto rollback = md.find("rollback done", full);
  CHECK(looking < rollback);
  CHECK(rollback != std::string::npos);
  for (const char* prompt : {"## Impact", "## What went well", "## What went badly", "## Where we got lucky"}) {
    position(md, prompt);
  }
}

TEST_CASE("secrets and runbook output never reach an export", "[unit][postmortem]") {
  filled_store fs;
  for (auto f : {postmortem_format::markdown, postmortem_format::json}) {
    auto out = fs.render(f);
    CHECK(out.find("s3cret-webhook-token") == std::string::npos);
    CHECK(out.find("redacted") != std::string::npos);
    CHECK(out.find("secret output") == std::string::npos);
  }
}

TEST_CASE("the JSON draft carries both zones and the durations in seconds", "[unit][postmortem]") {
  filled_store fs;
  auto j = nlohmann::json::parse(fs.render(postmortem_format::json));
  CHECK(j["schema_version"] == 1);
  CHECK(j["times"]["detected"]["utc"] == "2026-12-04T13:00:00Z");
  CHECK(j["times"]["detected"]["local"] == "2026-12-04T14:00:00+01:00");
  CHECK(j["times"]["time_to_ack_seconds"] == 240);
  CHECK(j["times"]["time_to_resolve_seconds"] == 3000);
  CHECK(j["key_events"].size() == 2);
  CHECK(j["timeline"].size() == 5);
  CHECK(j["runbook_runs"][0]["exit_code"] == 0);
  CHECK(j["root_cause"]["category"] == "deploy");
  CHECK(j["followups"][0]["owner"] == "alice");
  CHECK(j["paged"][0]["person"] == "dave");
  // The streamed timeline gives byte for byte what one JSON tree would.
  auto d = build_postmortem(fs.st, team_config(), fs.id, fs.opened + 2h);
  REQUIRE(d);
  CHECK(render_postmortem_json(*d) ==
        postmortem_to_json(*d).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

TEST_CASE("the team's zone: postmortems.timezone, else the first schedule's, else UTC", "[unit][postmortem]") {
  config cfg;
  CHECK(postmortem_timezone(cfg) == "UTC");
  schedule s;
  s.timezone = "America/New_York";
  cfg.schedules.push_back(s);
  CHECK(postmortem_timezone(cfg) == "America/New_York");
  cfg.postmortems.timezone = "Asia/Tokyo";
  CHECK(postmortem_timezone(cfg) == "Asia/Tokyo");
}

TEST_CASE("postmortem file names carry the id and a slug of the title", "[unit][postmortem]") {
  incident inc;
  inc.id = 42;
  inc.title = "Checkout 5xx / EU — <!channel> Ünïcode";
  CHECK(postmortem_file_name(inc, postmortem_format::markdown) == "postmortem-42-checkout-5xx-eu-channel-n-code.md");
  inc.title = "🔥🔥";
  CHECK(postmortem_file_name(inc, postmortem_format::json) == "postmortem-42-incident.json");
  inc.title = std::string(200, 'a');
  CHECK(postmortem_file_name(inc, postmortem_format::json).size() == std::string("postmortem-42-.json").size() + 40);
}

TEST_CASE("a user template renders the same variables", "[unit][postmortem]") {
  filled_store fs;
  config cfg = team_config();
  cfg.postmortems.template_text =
      "{{display_id}} {{severity_label}} {{cause.category}}\n{{#timeline}}{{author}}: {{text}}\n{{/timeline}}";
  auto md = fs.render(postmortem_format::markdown, cfg);
  CHECK(md.starts_with("#1 SEV2 deploy\ngeneric: Checkout error rate firing\nalice: looking at it\n"));
  // Triple braces give no way around the escaping.
  cfg.postmortems.template_text = "{{{title}}}";
  CHECK(fs.render(postmortem_format::markdown, cfg) == "Checkout 5xx / EU");
  cfg.postmortems.template_text = "{{#timeline}}";
  auto bad = render_postmortem(fs.st, cfg, fs.id, postmortem_format::markdown, fs.opened);
  REQUIRE_FALSE(bad);
  CHECK(bad.err().message.find("template") != std::string::npos);
}
