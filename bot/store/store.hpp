// The storage interface the engine writes through. SQLite implements it (sqlite_store); a
// PostgreSQL implementation can fill it for several replicas. Every call is synchronous and
// runs on the engine's thread; `transaction` makes a group of calls atomic and durable.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/alert.hpp"
#include "bot/core/deploy.hpp"
#include "bot/core/effect.hpp"
#include "bot/core/followup.hpp"
#include "bot/core/incident.hpp"
#include "bot/core/incident_room.hpp"
#include "bot/core/rota.hpp"
#include "bot/core/runbook_run.hpp"
#include "bot/core/storm.hpp"
#include "bot/core/ticket.hpp"
#include "bot/core/timeline.hpp"

namespace oncall {

struct alert_counts {
  int total = 0;
  int firing = 0;
};

struct inbound_record {
  std::string reply;  // what was answered the first time (JSON), replayed on redelivery
};

class store {
 public:
  virtual ~store() = default;

  // Runs `body` in one transaction: committed durably when it returns, rolled back when it
  // throws (the exception propagates). Nested calls join the outer transaction.
  virtual void transaction(const std::function<void()>& body) = 0;

  virtual std::int64_t insert_incident(const incident& inc) = 0;  // returns the new id
  virtual void update_incident(const incident& inc) = 0;
  virtual std::optional<incident> find_incident(std::int64_t id) = 0;
  virtual std::optional<incident> find_open_incident_by_key(const std::string& key) = 0;
  virtual std::vector<incident> open_incidents() = 0;
  virtual std::optional<incident> find_incident_by_message(const std::string& channel,
                                                           const std::string& message_ref) = 0;
  virtual std::vector<incident> incidents_due_for_escalation(time_point now) = 0;

  // Inserts or updates the alert (by fingerprint) within the incident.
  virtual void upsert_alert(std::int64_t incident_id, const alert& a, time_point now) = 0;
  virtual std::vector<alert> incident_alerts(std::int64_t incident_id) = 0;
  virtual alert_counts count_alerts(std::int64_t incident_id) = 0;

  virtual std::int64_t append_timeline(const timeline_entry& e) = 0;
  virtual std::vector<timeline_entry> timeline(std::int64_t incident_id) = 0;
  // Entries that came from a chat message, found by the message's ref in the channel where the
  // incident is announced (sqlite_timeline.cpp); edits, deletions and pins go through these.
  virtual std::optional<timeline_entry> find_timeline_by_ref(const std::string& channel,
                                                             const std::string& ref) = 0;
  virtual void update_timeline_text(std::int64_t entry_id, const std::string& text) = 0;
  virtual void delete_timeline_entry(std::int64_t entry_id) = 0;
  virtual void mark_key_event(std::int64_t entry_id, bool key_event) = 0;

  // false when an effect with the same key exists already (then nothing is written).
  virtual bool enqueue_effect(const effect& e) = 0;
  virtual std::vector<effect> pending_effects() = 0;
  virtual void complete_effect(std::int64_t effect_id, time_point now) = 0;
  virtual void note_effect_attempt(std::int64_t effect_id) = 0;
  // The outbox's view, one lane (effect channel) at a time, so a storm's backlog is never
  // loaded whole (sqlite_effect_lanes.cpp): the oldest pending effect of a lane, the lanes with
  // pending effects, and how many are pending.
  virtual std::optional<effect> next_pending_effect(const std::string& channel) = 0;
  virtual std::vector<std::string> pending_lanes() = 0;
  virtual std::int64_t count_pending_effects() = 0;
  // Marks done the pending effects of this kind, lane, incident and subject: an update about to
  // be enqueued shows the newest state, so the older ones need not go out. Returns how many.
  virtual int supersede_pending(effect_kind kind, const std::string& channel,
                                std::int64_t incident_id, const std::string& subject,
                                time_point now) = 0;

  // Alert storms (sqlite_storms.cpp): the storm of a channel whose newest incident opened at
  // or after `since`, its summarised incidents (newest first, at most `limit`) and counts.
  virtual std::optional<storm> active_storm(const std::string& channel, time_point since) = 0;
  virtual std::int64_t insert_storm(const storm& s) = 0;  // returns the new id
  virtual void update_storm(const storm& s) = 0;
  virtual std::optional<storm> find_storm(std::int64_t id) = 0;
  virtual void add_to_storm(std::int64_t storm_id, std::int64_t incident_id) = 0;
  virtual std::optional<std::int64_t> storm_of(std::int64_t incident_id) = 0;
  virtual std::vector<incident> storm_incidents(std::int64_t storm_id, int limit) = 0;
  virtual storm_counts count_storm(std::int64_t storm_id) = 0;

  // Inbound deliveries (envelopes, webhooks by idempotency id) already applied.
  virtual std::optional<inbound_record> find_inbound(const std::string& id) = 0;
  virtual void record_inbound(const std::string& id, const std::string& reply, time_point now) = 0;

  // Incidents opened in [from, to), oldest first (shift summaries, reports).
  virtual std::vector<incident> incidents_opened_between(time_point from, time_point to) = 0;
  // Timeline entries of one kind in [from, to) across incidents (ratings for the handover).
  virtual std::vector<timeline_entry> timeline_between(const std::string& kind, time_point from,
                                                       time_point to) = 0;

  virtual void insert_notification(const notification& n) = 0;
  virtual std::vector<notification> notifications(std::int64_t incident_id) = 0;
  virtual std::vector<notification> notifications_between(time_point from, time_point to) = 0;

  virtual std::int64_t insert_override(const stored_override& o) = 0;
  // Overrides of one schedule, or of all when `schedule` is empty, by start time.
  virtual std::vector<stored_override> overrides(const std::string& schedule) = 0;

  virtual std::optional<schedule_state> find_schedule_state(const std::string& schedule) = 0;
  virtual void save_schedule_state(const schedule_state& s) = 0;

  virtual std::int64_t insert_handover(const handover& h) = 0;
  virtual void update_handover(const handover& h) = 0;
  virtual std::optional<handover> find_handover(std::int64_t id) = 0;
  // Unaccepted handovers whose next reminder is due at `now`.
  virtual std::vector<handover> handovers_due_for_reminder(time_point now) = 0;

  virtual void insert_handover_note(const handover_note& n) = 0;
  // Notes of the schedule that no handover has carried yet.
  virtual std::vector<handover_note> waiting_handover_notes(const std::string& schedule) = 0;
  virtual void attach_handover_notes(const std::string& schedule, std::int64_t handover_id) = 0;

  // Follow-up action items (ids count across incidents); an incident's in the order added.
  virtual std::int64_t insert_followup(const followup& f) = 0;  // returns the new id
  virtual void update_followup(const followup& f) = 0;
  virtual std::optional<followup> find_followup(std::int64_t id) = 0;
  virtual std::vector<followup> followups(std::int64_t incident_id) = 0;
  // Follow-ups not closed yet, across incidents, in the order added; and those closed in
  // [from, to), oldest first (sqlite_tracker.cpp).
  virtual std::vector<followup> open_followups() = 0;
  virtual std::vector<followup> followups_done_between(time_point from, time_point to) = 0;

  // Tracker work (sqlite_tracker.cpp): false when a pending job of the same kind and subject
  // exists already (then nothing is written).
  virtual bool enqueue_tracker_job(const tracker_job& j) = 0;
  virtual void update_tracker_job(const tracker_job& j) = 0;
  // Jobs in `state` (pending, done, failed), oldest first.
  virtual std::vector<tracker_job> tracker_jobs(const std::string& state) = 0;
  // Tickets filed for an incident (followup_id 0) and its follow-ups; saving replaces.
  virtual void save_ticket(const ticket& t) = 0;
  virtual std::optional<ticket> find_ticket(std::int64_t incident_id, std::int64_t followup_id) = 0;
  virtual std::vector<ticket> tickets(std::int64_t incident_id) = 0;

  // Runbook runs: the run record and the audit log in one (sqlite_runbooks.cpp).
  virtual std::int64_t insert_runbook_run(const runbook_run& r) = 0;  // returns the new id
  virtual void update_runbook_run(const runbook_run& r) = 0;
  virtual std::optional<runbook_run> find_runbook_run(std::int64_t id) = 0;
  virtual std::vector<runbook_run> runbook_runs_in_state(const std::string& state) = 0;
  // Every run, or an incident's when `incident_id` is given, oldest first.
  virtual std::vector<runbook_run> runbook_runs(std::optional<std::int64_t> incident_id) = 0;

  // Dedicated incident channels (sqlite_incident_rooms.cpp); saving replaces.
  virtual void save_incident_room(const incident_room& room) = 0;
  virtual std::optional<incident_room> find_incident_room(std::int64_t incident_id) = 0;
  virtual std::optional<incident_room> find_incident_room_by_channel(const std::string& channel) = 0;

  // Deploy events from CI (sqlite_deploys.cpp).
  virtual std::int64_t insert_deploy(const deploy& d) = 0;  // returns the new id
  // Deploys of `service` received in [from, to), oldest first.
  virtual std::vector<deploy> deploys_between(const std::string& service, time_point from,
                                              time_point to) = 0;

  // Table row counts, for checks that bad input changed nothing.
  virtual std::int64_t count_rows(const std::string& table) = 0;
  virtual int schema_version() = 0;
};

}  // namespace oncall
