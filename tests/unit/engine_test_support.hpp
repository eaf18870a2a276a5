// What the engine, store and handler tests share: a small hand-built config (alice and bob on a
// weekly rotation, a two-level policy that repeats once), a manual clock, an in-memory store,
// and builders for alert batches. No YAML, no sockets.
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/engine/incident_engine.hpp"
#include "bot/store/sqlite_store.hpp"
#include "config/config.hpp"

namespace oncall::test {

using namespace std::chrono_literals;

inline time_point at(const std::string& iso) {
  auto t = parse_iso8601(iso);
  REQUIRE(t);
  return *t;
}

// Monday 09:00 UTC: alice's first week starts here, bob's a week later.
inline time_point rotation_start() {
  return at("2026-11-23T09:00:00Z");
}
// Tuesday of alice's week: when the tests' incidents open.
inline time_point test_start() {
  return at("2026-11-24T05:00:00Z");
}

// people alice (U0ALICE) and bob (U0BOB); schedule primary [alice, bob] by week; policy
// default: level 1 schedule:primary after 5m, level 2 person:bob after 10m, repeat 1; one
// catch-all route to it.
inline config demo_config() {
  config c;
  c.chat.platform = chat_platform_kind::slack;
  c.chat.alerts_channel = "alerts";
  c.people = {{.name = "alice", .slack = "U0ALICE"}, {.name = "bob", .slack = "U0BOB"}};
  schedule primary;
  primary.name = "primary";
  primary.start = rotation_start();
  primary.shift = 7 * 24h;
  primary.members = {"alice", "bob"};
  c.schedules = {primary};
  escalation_policy policy;
  policy.name = "default";
  policy.levels = {{{{notify_target::kind::schedule, "primary"}}, 5min},
                   {{{notify_target::kind::person, "bob"}}, 10min}};
  policy.repeat = 1;
  c.escalation_policies = {policy};
  route catch_all;
  catch_all.policy = "default";
  c.routes = {catch_all};
  return c;
}

inline const actor alice{"U0ALICE", "alice"};
inline const actor bob{"U0BOB", "bob"};
inline const actor stranger{"U0STRANGER", ""};

// Clock, store and engine wired together, as the bot wires them.
struct engine_fixture {
  explicit engine_fixture(config c = demo_config())
      : cfg(std::make_shared<const config>(std::move(c))), engine(cfg, store, clock) {
    engine.on_effects([this] { ++kicks; });
  }

  std::shared_ptr<const config> cfg;
  manual_clock clock{test_start()};
  sqlite_store store{":memory:"};
  incident_engine engine;
  int kicks = 0;

  incident get(std::int64_t id) {
    auto inc = engine.find(id);
    REQUIRE(inc);
    return *inc;
  }
  // What the outbox does after posting the announcement: remember where it is.
  void announced(std::int64_t id, const std::string& channel, const std::string& ref) {
    auto inc = get(id);
    inc.channel = channel;
    inc.message_ref = ref;
    store.update_incident(inc);
  }
  std::vector<effect> effects_of_kind(effect_kind kind) {
    std::vector<effect> out;
    for (auto& e : store.pending_effects()) {
      if (e.kind == kind) out.push_back(e);
    }
    return out;
  }
  std::vector<std::string> timeline_kinds(std::int64_t id) {
    std::vector<std::string> out;
    for (const auto& e : store.timeline(id)) out.push_back(e.kind);
    return out;
  }
};

inline alert firing(const std::string& fingerprint, const std::string& title, int severity = 3) {
  alert a;
  a.fingerprint = fingerprint;
  a.title = title;
  a.severity = severity;
  return a;
}

inline alert resolved(const std::string& fingerprint, const std::string& title = "") {
  alert a = firing(fingerprint, title.empty() ? fingerprint : title);
  a.status = alert_status::resolved;
  return a;
}

inline alert_batch batch(const std::string& group_key, std::vector<alert> alerts,
                         const std::string& title = "HighErrorRate on checkout") {
  alert_batch b;
  b.source = "alertmanager";
  b.group_key = group_key;
  b.title = title;
  b.group_labels = {{"alertname", "HighErrorRate"}, {"service", "checkout"}};
  b.alerts = std::move(alerts);
  return b;
}

}  // namespace oncall::test
