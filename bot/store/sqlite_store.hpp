// The embedded store: SQLite in WAL mode with synchronous=FULL, so a commit that acks an
// outside event survives kill -9 and power loss.
#pragma once

#include <memory>
#include <string>

#include "bot/store/store.hpp"

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace oncall {

class sqlite_store final : public store {
 public:
  // `path` is a file name or ":memory:". Applies pending migrations; throws std::runtime_error
  // with a readable message when the file cannot be opened or is from a newer oncallbot.
  explicit sqlite_store(const std::string& path);
  ~sqlite_store() override;

  void transaction(const std::function<void()>& body) override;

  std::int64_t insert_incident(const incident& inc) override;
  void update_incident(const incident& inc) override;
  std::optional<incident> find_incident(std::int64_t id) override;
  std::optional<incident> find_open_incident_by_key(const std::string& key) override;
  std::vector<incident> open_incidents() override;
  std::optional<incident> find_incident_by_message(const std::string& channel,
                                                   const std::string& message_ref) override;
  std::vector<incident> incidents_due_for_escalation(time_point now) override;

  void upsert_alert(std::int64_t incident_id, const alert& a, time_point now) override;
  std::vector<alert> incident_alerts(std::int64_t incident_id) override;
  alert_counts count_alerts(std::int64_t incident_id) override;

  std::int64_t append_timeline(const timeline_entry& e) override;
  std::vector<timeline_entry> timeline(std::int64_t incident_id) override;
  std::optional<timeline_entry> find_timeline_by_ref(const std::string& channel,
                                                     const std::string& ref) override;
  void update_timeline_text(std::int64_t entry_id, const std::string& text) override;
  void delete_timeline_entry(std::int64_t entry_id) override;
  void mark_key_event(std::int64_t entry_id, bool key_event) override;

  bool enqueue_effect(const effect& e) override;
  std::vector<effect> pending_effects() override;
  void complete_effect(std::int64_t effect_id, time_point now) override;
  void note_effect_attempt(std::int64_t effect_id) override;
  std::optional<effect> next_pending_effect(const std::string& channel) override;
  std::vector<std::string> pending_lanes() override;
  std::int64_t count_pending_effects() override;
  int supersede_pending(effect_kind kind, const std::string& channel, std::int64_t incident_id,
                        const std::string& subject, time_point now) override;

  std::optional<storm> active_storm(const std::string& channel, time_point since) override;
  std::int64_t insert_storm(const storm& s) override;
  void update_storm(const storm& s) override;
  std::optional<storm> find_storm(std::int64_t id) override;
  void add_to_storm(std::int64_t storm_id, std::int64_t incident_id) override;
  std::optional<std::int64_t> storm_of(std::int64_t incident_id) override;
  std::vector<incident> storm_incidents(std::int64_t storm_id, int limit) override;
  storm_counts count_storm(std::int64_t storm_id) override;

  std::optional<inbound_record> find_inbound(const std::string& id) override;
  void record_inbound(const std::string& id, const std::string& reply, time_point now) override;

  std::vector<incident> incidents_opened_between(time_point from, time_point to) override;
  std::vector<timeline_entry> timeline_between(const std::string& kind, time_point from,
                                               time_point to) override;

  void insert_notification(const notification& n) override;
  std::vector<notification> notifications(std::int64_t incident_id) override;
  std::vector<notification> notifications_between(time_point from, time_point to) override;

  std::int64_t insert_override(const stored_override& o) override;
  std::vector<stored_override> overrides(const std::string& schedule) override;

  std::optional<schedule_state> find_schedule_state(const std::string& schedule) override;
  void save_schedule_state(const schedule_state& s) override;

  std::int64_t insert_handover(const handover& h) override;
  void update_handover(const handover& h) override;
  std::optional<handover> find_handover(std::int64_t id) override;
  std::vector<handover> handovers_due_for_reminder(time_point now) override;

  void insert_handover_note(const handover_note& n) override;
  std::vector<handover_note> waiting_handover_notes(const std::string& schedule) override;
  void attach_handover_notes(const std::string& schedule, std::int64_t handover_id) override;

  std::int64_t insert_followup(const followup& f) override;
  void update_followup(const followup& f) override;
  std::optional<followup> find_followup(std::int64_t id) override;
  std::vector<followup> followups(std::int64_t incident_id) override;
  std::vector<followup> open_followups() override;
  std::vector<followup> followups_done_between(time_point from, time_point to) override;

  bool enqueue_tracker_job(const tracker_job& j) override;
  void update_tracker_job(const tracker_job& j) override;
  std::vector<tracker_job> tracker_jobs(const std::string& state) override;
  void save_ticket(const ticket& t) override;
  std::optional<ticket> find_ticket(std::int64_t incident_id, std::int64_t followup_id) override;
  std::vector<ticket> tickets(std::int64_t incident_id) override;

  void save_incident_room(const incident_room& room) override;
  std::optional<incident_room> find_incident_room(std::int64_t incident_id) override;
  std::optional<incident_room> find_incident_room_by_channel(const std::string& channel) override;

  std::int64_t insert_runbook_run(const runbook_run& r) override;
  void update_runbook_run(const runbook_run& r) override;
  std::optional<runbook_run> find_runbook_run(std::int64_t id) override;
  std::vector<runbook_run> runbook_runs_in_state(const std::string& state) override;
  std::vector<runbook_run> runbook_runs(std::optional<std::int64_t> incident_id) override;

  std::int64_t insert_deploy(const deploy& d) override;
  std::vector<deploy> deploys_between(const std::string& service, time_point from,
                                      time_point to) override;

  std::int64_t count_rows(const std::string& table) override;
  int schema_version() override;

 private:
  void migrate();
  std::vector<timeline_entry> query_timeline(const std::string& where,
                                             const std::function<void(SQLite::Statement&)>& bind);
  std::vector<notification> query_notifications(const std::string& where,
                                                const std::function<void(SQLite::Statement&)>& bind);
  std::vector<handover> query_handovers(const std::string& where,
                                        const std::function<void(SQLite::Statement&)>& bind);
  std::vector<followup> query_followups(const std::string& where,
                                        const std::function<void(SQLite::Statement&)>& bind);
  std::vector<incident> query_incidents(const std::string& where,
                                        const std::function<void(SQLite::Statement&)>& bind);
  std::vector<effect> query_effects(const std::string& where,
                                    const std::function<void(SQLite::Statement&)>& bind);
  std::vector<runbook_run> query_runbook_runs(const std::string& where,
                                            const std::function<void(SQLite::Statement&)>& bind);

  std::unique_ptr<SQLite::Database> db_;
  int transaction_depth_ = 0;
};

// "sqlite:PATH" → PATH; throws std::runtime_error for other schemes.
std::unique_ptr<store> open_store(const std::string& url);

}  // namespace oncall
