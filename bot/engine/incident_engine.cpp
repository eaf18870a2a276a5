// Incident life cycle on top of the pure rules in bot/core/incident.
#include "bot/engine/incident_engine.hpp"

#include <algorithm>
#include <atomic>
#include <random>
#include <set>

#include "bot/chat/message_codec.hpp"
#include "bot/core/schedule.hpp"
#include "bot/core/severity.hpp"
#include "bot/engine/announcement.hpp"

namespace oncall {

namespace {

int worst_firing_severity(const std::vector<alert>& alerts, int fallback) {
  int worst = 5;
  for (const auto& a : alerts) {
    if (a.status == alert_status::firing) worst = std::min(worst, a.severity);
  }
  return worst == 5 ? fallback : worst;
}

std::string manual_key(time_point now) {
  static std::mt19937_64 rng{std::random_device{}()};
  return "manual:" + std::to_string(to_millis(now)) + "-" + std::to_string(rng() % 1000000);
}

}  // namespace

incident_engine::incident_engine(std::shared_ptr<const config> cfg, store& st,
                                 const clock_source& clock)
    : cfg_(std::move(cfg)), store_(st), clock_(clock) {}

std::string incident_engine::lane(const incident& inc) const {
  return cfg_->route_channel(inc.labels);
}

std::string incident_engine::lane(std::int64_t incident_id) {
  auto inc = store_.find_incident(incident_id);
  return inc ? lane(*inc) : cfg_->chat.alerts_channel;
}

// Nested commits (a command applied inside `once`) join the outer transaction; the outbox is
// told about new effects only when the outermost one has committed.
void incident_engine::commit(const std::function<void()>& body) {
  // A commit inside `once` is a change worth remembering against redelivery.
  if (commit_depth_ > 0) changed_ = true;
  const bool outermost = commit_depth_++ == 0;
  if (outermost) {
    effects_enqueued_ = false;
    pages_in_commit_ = 0;
  }
  const auto started = std::chrono::steady_clock::now();
  try {
    store_.transaction(body);
  } catch (...) {
    --commit_depth_;
    throw;
  }
  --commit_depth_;
  if (outermost && metrics_) {
    metrics_->storage_commit.observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    metrics_->pages.add(pages_in_commit_);
  }
  if (outermost && effects_enqueued_ && kick_) kick_();
}

bool incident_engine::enqueue(const effect& e) {
  if (!store_.enqueue_effect(e)) return false;
  effects_enqueued_ = true;
  return true;
}

void incident_engine::enqueue(const incident& inc, effect_kind kind, const std::string& key,
                              const std::string& payload) {
  if (auto storm_id = store_.storm_of(inc.id)) {
    // Summarised in a storm: no announcement and no room of its own. Its changes show in the
    // storm's summary; what would be said in its room is in its timeline.
    if (kind == effect_kind::announce || kind == effect_kind::sync) {
      enqueue_storm_update(*storm_id, lane(inc));
    }
    return;
  }
  effect e;
  e.key = key;
  e.kind = kind;
  e.channel = lane(inc);
  e.incident_id = inc.id;
  e.payload = payload;
  e.created_at = clock_.now();
  enqueue(e);
}

// An update renders the incident as it is when the outbox carries it out, so one pending update
// per announcement is enough: a burst of alerts or clicks becomes one chat.update.
void incident_engine::enqueue_update(const incident& inc, const std::string& key) {
  store_.supersede_pending(effect_kind::sync, lane(inc), inc.id, "", clock_.now());
  enqueue(inc, effect_kind::sync, key);
}

void incident_engine::note(std::int64_t incident_id, const std::string& kind,
                           const std::string& author, const std::string& text) {
  commit([&] {
    auto inc = store_.find_incident(incident_id);
    if (inc) record(*inc, kind, author, text, false);
  });
}

// Appends a timeline entry and, when the incident's look changed, an update of the announcement.
void incident_engine::record(incident& inc, const std::string& kind, const std::string& author,
                             const std::string& text, bool announce_change) {
  changed_ = true;
  timeline_entry e;
  e.incident_id = inc.id;
  e.at = clock_.now();
  e.kind = kind;
  e.author = author;
  e.text = text;
  auto entry_id = store_.append_timeline(e);
  if (announce_change) {
    enqueue_update(inc, "sync:" + std::to_string(inc.id) + ":" + std::to_string(entry_id));
  }
}

void incident_engine::post_in_room(const incident& inc, std::int64_t cause,
                                   const outbound_message& m) {
  enqueue(inc, effect_kind::thread_post,
          "post:" + std::to_string(inc.id) + ":" + std::to_string(cause), message_to_json(m));
}

std::string incident_engine::chat_handle(const std::string& person_name) const {
  const person* p = cfg_->find_person(person_name);
  if (!p) return {};
  return cfg_->chat.platform == chat_platform_kind::slack ? p->slack : p->mattermost;
}

rich_text incident_engine::mentions(const incident& inc) {
  rich_text t;
  for (const auto& user : paged_chat_users(inc)) {
    if (!t.empty()) t.push_back(rt::text(" "));
    t.push_back(rt::mention(user));
  }
  if (t.empty()) t.push_back(rt::text("nobody (no escalation policy matched)"));
  return t;
}

void incident_engine::schedule_next_escalation(incident& inc) {
  const escalation_policy* policy = cfg_->find_policy(inc.policy);
  if (!policy || inc.level >= static_cast<int>(policy->levels.size())) {
    inc.next_escalation_at.reset();
    return;
  }
  bool last = inc.level + 1 >= static_cast<int>(policy->levels.size()) && inc.cycle >= policy->repeat;
  if (last) {
    inc.next_escalation_at.reset();
  } else {
    inc.next_escalation_at = clock_.now() + policy->levels[inc.level].after;
  }
}

incident incident_engine::open_incident(const alert_batch& batch, const std::string& key) {
  incident inc;
  inc.key = key;
  inc.title = batch.title.empty() ? "Untitled alert" : batch.title;
  inc.source = batch.source;
  inc.severity = worst_firing_severity(batch.alerts, default_severity);
  inc.opened_at = clock_.now();
  inc.labels = batch.group_labels;
  inc.policy = cfg_->route_policy(batch.group_labels);
  for (const auto& a : batch.alerts) {
    for (const auto& l : a.links) {
      if (std::find(inc.links.begin(), inc.links.end(), l) == inc.links.end()) inc.links.push_back(l);
    }
  }
  schedule_next_escalation(inc);
  inc.id = store_.insert_incident(inc);
  return inc;
}

// Merges a batch's alerts into the incident: records what changed and resolves the incident
// once none of its alerts fires.
void incident_engine::absorb_alerts(incident& inc, const alert_batch& batch, ingest_outcome& out) {
  std::map<std::string, alert_status> before;
  for (const auto& a : store_.incident_alerts(inc.id)) before[a.fingerprint] = a.status;
  int changes = 0;
  const int firing_before = inc.firing_count;
  for (const auto& a : batch.alerts) {
    auto it = before.find(a.fingerprint);
    bool is_new = it == before.end();
    if (is_new && a.status == alert_status::resolved && inc.alert_count > 0) {
      // A resolve for an alert this incident never saw fire: keep it out of the count.
      continue;
    }
    store_.upsert_alert(inc.id, a, clock_.now());
    if (!is_new && it->second == a.status) continue;
    ++changes;
    std::string verb = a.status == alert_status::firing ? (is_new ? "firing" : "firing again")
                                                        : "resolved";
    record(inc, "alert", inc.source, a.title + " " + verb, false);
  }
  auto counts = store_.count_alerts(inc.id);
  inc.alert_count = counts.total;
  inc.firing_count = counts.firing;
  const int severity_before = inc.severity;
  if (!inc.severity_set_by_hand) {
    inc.severity = worst_firing_severity(store_.incident_alerts(inc.id), inc.severity);
  }
  if (changes == 0) {
    // Nothing fired or resolved, but an alert sent again under its dedup key may carry a new
    // severity (generic webhook, PagerDuty).
    if (inc.severity != severity_before) {
      store_.update_incident(inc);
      record(inc, "severity", inc.source, "severity is now " + severity_label(inc.severity));
      out.updated.push_back(inc.id);
    }
    return;
  }
  if (flapping_instead(inc, firing_before, out)) return;
  if (inc.firing_count == 0 && inc.open()) {
    inc = oncall::resolve(inc, inc.source, clock_.now()).value();
    store_.update_incident(inc);
    record(inc, "resolve", inc.source, "all alerts resolved");
    queue_tracker_job(tracker_job_kind::incident_ticket, inc.id);
    auto entry = store_.timeline(inc.id).back().id;
    post_in_room(inc, entry, simple_message({rt::text("Resolved: every alert of this incident has resolved.")}));
    out.resolved.push_back(inc.id);
    return;
  }
  store_.update_incident(inc);
  record(inc, "alert-update", inc.source,
         std::to_string(inc.firing_count) + " of " + std::to_string(inc.alert_count) + " alerts firing");
  out.updated.push_back(inc.id);
}

ingest_outcome incident_engine::ingest(const alert_batch& batch) {
  ingest_outcome out;
  const std::string key = batch.source + ":" + batch.group_key;
  if (metrics_) metrics_->alerts_received.add(batch.source, batch.alerts.size());
  commit([&] {
    auto existing = store_.find_open_incident_by_key(key);
    bool any_firing = std::any_of(batch.alerts.begin(), batch.alerts.end(),
                                  [](const alert& a) { return a.status == alert_status::firing; });
    if (!existing) {
      if (!any_firing) return;  // a resolve for nothing open: nothing to do
      incident inc = open_incident(batch, key);
      for (const auto& a : batch.alerts) store_.upsert_alert(inc.id, a, clock_.now());
      auto counts = store_.count_alerts(inc.id);
      inc.alert_count = counts.total;
      inc.firing_count = counts.firing;
      store_.update_incident(inc);
      record(inc, "alert", inc.source,
             inc.title + " (" + std::to_string(inc.firing_count) + " firing)", false);
      const auto storm_id = join_storm_if_busy(inc);
      if (storm_id) {
        record(inc, "storm", "oncallbot",
               "summarised in alert storm " + std::to_string(storm_id) + " instead of announced", false);
      }
      record(inc, "page", "oncallbot", "paged " + plain_text(mentions(inc)), false);
      if (cfg_->chat.incident_rooms == incident_room_mode::channel && !storm_id) enqueue_room(inc, "page");
      enqueue(inc, effect_kind::announce, "announce:" + std::to_string(inc.id));
      page_level(inc, store_.timeline(inc.id).back().id);
      out.opened.push_back(inc.id);
      flaps_.change(key, clock_.now());
      return;
    }
    incident inc = *existing;
    absorb_alerts(inc, batch, out);
  });
  return out;
}

result<incident> incident_engine::page(const std::string& summary, int severity,
                                       const std::string& policy, const actor& by) {
  if (!policy.empty() && !cfg_->find_policy(policy)) {
    return error{"there is no escalation policy '" + policy + "'; the config names them under escalation_policies", "policy"};
  }
  incident inc;
  commit([&] {
    alert_batch batch;
    batch.source = "manual";
    batch.title = summary;
    alert a;
    a.fingerprint = "manual";
    a.title = summary;
    a.severity = severity;
    batch.alerts.push_back(a);
    inc = open_incident(batch, manual_key(clock_.now()));
    inc.severity = severity;
    if (!policy.empty()) {
      inc.policy = policy;
      schedule_next_escalation(inc);
    }
    store_.upsert_alert(inc.id, a, clock_.now());
    inc.alert_count = inc.firing_count = 1;
    store_.update_incident(inc);
    record(inc, "page", by.name(), "paged by hand: " + summary + "; paging " + plain_text(mentions(inc)), false);
    if (cfg_->chat.incident_rooms == incident_room_mode::channel) enqueue_room(inc, "page");
    enqueue(inc, effect_kind::announce, "announce:" + std::to_string(inc.id));
    page_level(inc, store_.timeline(inc.id).back().id);
  });
  return inc;
}

result<incident> incident_engine::load_open(std::int64_t id) {
  auto inc = store_.find_incident(id);
  if (!inc) {
    return error{"there is no incident #" + std::to_string(id) + "; /oncall incidents lists the open ones", "id"};
  }
  return *inc;
}

result<incident> incident_engine::ack(std::int64_t id, const actor& by, std::optional<duration> lease) {
  auto loaded = load_open(id);
  if (!loaded) return loaded;
  auto next = acknowledge(*loaded, by.name(), clock_.now(), lease);
  if (!next) return next;
  if (lease) next->next_escalation_at = next->ack_until;  // the lease re-pages when it ends
  commit([&] {
    store_.update_incident(*next);
    std::string text = lease ? "acknowledged for " + format_duration(*lease) : "acknowledged";
    record(*next, "ack", by.name(), text);
    auto entry = store_.timeline(next->id).back().id;
    rich_text line = {rt::text("Acknowledged by "), by.chat_user.empty() ? rt::bold(by.name()) : rt::mention(by.chat_user)};
    if (lease) line.push_back(rt::text(" for " + format_duration(*lease)));
    post_in_room(*next, entry, simple_message(line));
  });
  if (metrics_) {
    metrics_->time_to_ack.observe(std::chrono::duration<double>(clock_.now() - next->opened_at).count());
  }
  return next;
}

bool incident_engine::ack_by_key(const std::string& key, const actor& by) {
  auto inc = store_.find_open_incident_by_key(key);
  if (!inc || inc->state == incident_state::acknowledged) return false;
  return ack(inc->id, by, std::nullopt).ok();
}

result<incident> incident_engine::escalate(std::int64_t id, const actor& by, const std::string& reason) {
  auto loaded = load_open(id);
  if (!loaded) return loaded;
  const escalation_policy* policy = cfg_->find_policy(loaded->policy);
  int levels = policy ? static_cast<int>(policy->levels.size()) : 0;
  auto next = oncall::escalate(*loaded, levels, policy ? policy->repeat : 0, clock_.now());
  if (!next) return next;
  schedule_next_escalation(*next);
  commit([&] {
    store_.update_incident(*next);
    std::string why = reason.empty() ? "" : " (" + reason + ")";
    record(*next, "escalate", by.name(), "escalated to level " + std::to_string(next->level + 1) + why);
    auto entry = store_.timeline(next->id).back().id;
    rich_text line = {rt::text("Escalated to level " + std::to_string(next->level + 1) + " by " + by.name() + why + ": ")};
    for (auto& s : mentions(*next)) line.push_back(s);
    post_in_room(*next, entry, simple_message(line));
    page_level(*next, entry);
  });
  if (metrics_) metrics_->escalations.add();
  return next;
}

result<incident> incident_engine::resolve(std::int64_t id, const actor& by, const std::string& note) {
  auto loaded = load_open(id);
  if (!loaded) return loaded;
  auto next = oncall::resolve(*loaded, by.name(), clock_.now());
  if (!next) return next;
  commit([&] {
    store_.update_incident(*next);
    record(*next, "resolve", by.name(), note.empty() ? "resolved" : "resolved: " + note);
    queue_tracker_job(tracker_job_kind::incident_ticket, next->id);
    auto entry = store_.timeline(next->id).back().id;
    rich_text line = {rt::text("Resolved by "), by.chat_user.empty() ? rt::bold(by.name()) : rt::mention(by.chat_user)};
    if (!note.empty()) line.push_back(rt::text(": " + note));
    post_in_room(*next, entry, simple_message(line));
  });
  return next;
}

result<incident> incident_engine::rate(std::int64_t id, const actor& by, const std::string& rating) {
  if (rating != "actionable" && rating != "not_actionable" && rating != "false_alarm") {
    return error{"a rating is actionable, not_actionable or false_alarm, not '" + rating + "'", "rating"};
  }
  auto loaded = load_open(id);
  if (!loaded) return loaded;
  commit([&] { record(*loaded, "rating", by.name(), rating, false); });
  return loaded;
}

int incident_engine::fire_due_escalations() {
  settle_flapping();
  int fired = 0;
  for (auto inc : store_.incidents_due_for_escalation(clock_.now())) {
    if (inc.state == incident_state::acknowledged && inc.ack_until) {
      // The ack lease ran out with the incident still open: page the current level again.
      commit([&] {
        inc.state = incident_state::triggered;
        inc.ack_until.reset();
        schedule_next_escalation(inc);
        store_.update_incident(inc);
        record(inc, "page", "oncallbot", "ack lease ended; paging again");
        auto entry = store_.timeline(inc.id).back().id;
        rich_text line = {rt::text("The ack lease ended and this is still open; paging again: ")};
        for (auto& s : mentions(inc)) line.push_back(s);
        post_in_room(inc, entry, simple_message(line));
        page_level(inc, entry);
      });
      ++fired;
      continue;
    }
    const auto due = inc.next_escalation_at;
    auto result = escalate(inc.id, actor::system("oncallbot"), "nobody acknowledged in time");
    if (result && due && metrics_) {
      metrics_->escalation_lateness.observe(std::chrono::duration<double>(clock_.now() - *due).count());
    }
    if (!result) {
      commit([&] {
        inc.next_escalation_at.reset();
        store_.update_incident(inc);
      });
    }
    ++fired;
  }
  return fired;
}

std::vector<incident> incident_engine::open_incidents() { return store_.open_incidents(); }

std::optional<incident> incident_engine::find(std::int64_t id) { return store_.find_incident(id); }

std::optional<incident> incident_engine::find_by_message(const std::string& channel,
                                                         const std::string& ref) {
  return store_.find_incident_by_message(channel, ref);
}

std::string incident_engine::once(const std::string& delivery_id,
                                  const std::function<std::string()>& apply) {
  std::string reply;
  commit([&] {
    if (auto seen = store_.find_inbound(delivery_id)) {
      reply = seen->reply;
      return;
    }
    changed_ = false;
    reply = apply();
    // Only deliveries that changed something are remembered: a refused command changed
    // nothing, and answering its redelivery afresh is just as right.
    if (changed_) store_.record_inbound(delivery_id, reply, clock_.now());
  });
  return reply;
}

}  // namespace oncall

namespace oncall {

outbound_message incident_engine::announcement(const incident& inc) {
  auto who = [&](const std::string& name) -> rich_text {
    if (name.empty()) return {rt::text("unknown")};
    auto handle = chat_handle(name);
    if (!handle.empty()) return {rt::mention(handle)};
    // Not in people[]: the name is a raw chat user id from the platform.
    if (cfg_->find_person(name) == nullptr && name.find(' ') == std::string::npos &&
        inc.source != name) {
      return {rt::mention(name)};
    }
    return {rt::bold(name)};
  };
  announcement_people people{mentions(inc), who(inc.acked_by), who(inc.resolved_by), who(inc.lead)};
  auto m = render_announcement(inc, people);
  if (inc.open() && flapping_.count(inc.id)) m.fields.push_back(flapping_field());
  return m;
}

}  // namespace oncall
