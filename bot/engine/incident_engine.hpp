// The incident engine: applies alerts and commands to incidents, commits each change with its
// timeline entries and outbound effects in one transaction, and tells the outbox there is work.
// Runs on the single engine thread; nothing here knows which chat platform is in use.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bot/chat/message.hpp"
#include "bot/core/alert.hpp"
#include "bot/core/clock.hpp"
#include "bot/core/incident.hpp"
#include "bot/core/result.hpp"
#include "bot/core/room_event.hpp"
#include "bot/core/flapping.hpp"
#include "bot/core/storm.hpp"
#include "bot/core/room_file.hpp"
#include "bot/engine/actor.hpp"
#include "bot/http/metrics_registry.hpp"
#include "bot/store/store.hpp"
#include "config/config.hpp"

namespace oncall {

struct ingest_outcome {
  std::vector<std::int64_t> opened;
  std::vector<std::int64_t> updated;
  std::vector<std::int64_t> resolved;
};

class incident_engine {
 public:
  incident_engine(std::shared_ptr<const config> cfg, store& st, const clock_source& clock);

  // Called after every commit that enqueued effects (the outbox drains them).
  void on_effects(std::function<void()> kick) { kick_ = std::move(kick); }
  // The app's metrics registry (it outlives the engine); without one nothing is counted.
  void set_metrics(bot_metrics& metrics) { metrics_ = &metrics; }
  bot_metrics* metrics() const { return metrics_; }
  void reload(std::shared_ptr<const config> cfg) { cfg_ = std::move(cfg); }
  const config& cfg() const { return *cfg_; }
  store& storage() { return store_; }
  time_point now() const { return clock_.now(); }

  ingest_outcome ingest(const alert_batch& batch);
  result<incident> page(const std::string& summary, int severity, const std::string& policy,
                        const actor& by);
  result<incident> ack(std::int64_t id, const actor& by, std::optional<duration> lease);
  result<incident> escalate(std::int64_t id, const actor& by, const std::string& reason);
  // Acknowledges the open incident with this dedup key (PagerDuty's acknowledge); false when none.
  bool ack_by_key(const std::string& key, const actor& by);
  result<incident> resolve(std::int64_t id, const actor& by, const std::string& note);
  // Records a responder's rating of the page: actionable, not_actionable or false_alarm.
  result<incident> rate(std::int64_t id, const actor& by, const std::string& rating);

  // Tracker tickets (tracker_requests.cpp). With a tracker configured, queues tracker work in
  // the caller's commit (resolve, follow-ups); false when there is no tracker or the same job
  // is pending already. The tracker service carries the work out and retries it.
  bool queue_tracker_job(tracker_job_kind kind, std::int64_t incident_id, std::int64_t followup_id = 0);
  // /oncall ticket: files or updates the incident's ticket, and files any follow-up ticket that
  // is missing; says what was queued.
  result<std::string> request_ticket(std::int64_t id, const actor& by);
  // Asks the tracker service to read the incident's tickets back from the tracker soon.
  void on_ticket_refresh(std::function<void(std::int64_t)> refresh) { ticket_refresh_ = std::move(refresh); }
  void refresh_tickets(std::int64_t id) { if (ticket_refresh_) ticket_refresh_(id); }
  std::function<void(std::int64_t)> ticket_refresh_;
  // Escalations and ack leases whose time has come; returns how many fired.
  int fire_due_escalations();

  // What responders record during and after an incident (incident_notes.cpp). Each adds a
  // timeline entry; open and resolved incidents alike, so the record can be finished later.
  // Severity by hand pins it (alerts no longer change it); the announcement follows.
  result<incident> set_severity(std::int64_t id, const actor& by, int severity);
  // `lead` is a person name from people[]; the room is told.
  result<incident> set_lead(std::int64_t id, const actor& by, const std::string& lead);
  // A status update: a key event of the timeline, posted in the incident room.
  result<incident> post_status(std::int64_t id, const actor& by, const std::string& text);
  result<incident> add_note(std::int64_t id, const actor& by, const std::string& text);
  result<incident> set_cause(std::int64_t id, const actor& by, root_cause cause,
                             const std::string& text);
  // `owner` is a person name from people[], or empty.
  result<followup> add_followup(std::int64_t id, const actor& by, const std::string& text,
                                const std::string& owner);
  // Marks a follow-up done (by its number, F7 → 7).
  result<followup> close_followup(std::int64_t followup_id, const actor& by);
  std::vector<followup> followups(std::int64_t id);
  std::vector<timeline_entry> timeline(std::int64_t id);
  // A deploy event from CI (deploy_events.cpp): stored with the time it arrived, and a timeline
  // entry and a line in the room of every open incident of that service. Returns those ids.
  std::vector<std::int64_t> record_deploy(deploy d);

  // Files for incident rooms (room_uploads.cpp): queues `file` for upload into the room (its
  // thread or dedicated channel), open or resolved; the outbox carries it out and retries, so
  // no state change ever waits for it. Records who asked in the timeline.
  result<incident> upload_to_room(std::int64_t id, const actor& by, const room_file& file);
  // An upload the outbox gave up on: one line in the room and in the timeline.
  void upload_failed(std::int64_t id, const std::string& filename, const std::string& reason);

  // Dedicated channels (incident_rooms.cpp). /oncall channel: queues the creation of the
  // incident's channel inc-<id>-<slug>, the paged people and the lead invited; refused when it
  // has one. With incident_rooms: channel every page queues one before its announcement.
  result<incident> request_room(std::int64_t id, const actor& by);
  // The outbox created the channel: from now on it is the room. `at_page`: the announcement
  // goes there next and the alerts channel gets a link; otherwise the room gets an intro.
  void room_opened(const incident_room& room, bool at_page);
  // The outbox gave up creating it: the thread stays the room, and the thread is told why.
  void room_failed(std::int64_t id, const std::string& name, const std::string& reason);
  std::optional<incident_room> room_of(std::int64_t id) { return store_.find_incident_room(id); }

  std::vector<incident> open_incidents();
  std::optional<incident> find(std::int64_t id);
  std::optional<incident> find_by_message(const std::string& channel, const std::string& ref);

  // Incident rooms (room_capture.cpp). A message posted, edited or deleted, or a :pushpin:
  // added or removed, in an incident's room goes into its timeline; false when the event
  // concerns no incident room (nothing changes then). Apply it inside `once`.
  bool capture(const room_event& event);
  // After a gap: records the room's messages the timeline lacks (by ref: never twice), takes
  // over edited texts and pins, and with `complete` removes the entries of messages deleted
  // meanwhile. Returns how many entries it added, changed or removed.
  int backfill(const room_ref& room, const std::vector<room_message>& messages, bool complete);
  // The announcement threads of the open incidents that have been announced.
  std::vector<room_ref> open_rooms();

  // Applies an inbound delivery (envelope, request) once: `apply` runs in a transaction and
  // returns the reply; a redelivery of the same id gets the first reply and changes nothing.
  std::string once(const std::string& delivery_id, const std::function<std::string()>& apply);

  // The announcement of an incident as it should look now.
  outbound_message announcement(const incident& inc);
  // Chat users the incident's current level pages.
  std::vector<std::string> paged_chat_users(const incident& inc);
  // Who the incident's current level reaches now (people, with the reason, and notifiers).
  std::vector<notification> level_targets(const incident& inc);
  // The schedule with the overrides taken from chat.
  schedule effective_schedule(const schedule& s);
  // Records a timeline entry that changes nothing shown (outcomes of notifiers and DMs).
  void note(std::int64_t incident_id, const std::string& kind, const std::string& author,
            const std::string& text);

  // Runs `body` in one transaction; the outbox hears of new effects once it has committed.
  // Nested calls join the outer transaction.
  void commit(const std::function<void()>& body);
  // Stores an effect (within a commit); false when its key was enqueued before.
  bool enqueue(const effect& e);
  // The chat handle of a person (Slack id or Mattermost username), or empty.
  std::string chat_handle(const std::string& person) const;
  // The outbox lane of an incident's announcement, updates and room posts: the channel its
  // route announces in (routes[].channel, else chat.alerts_channel).
  std::string lane(const incident& inc) const;
  std::string lane(std::int64_t incident_id);

 private:
  incident open_incident(const alert_batch& batch, const std::string& key);
  void absorb_alerts(incident& inc, const alert_batch& batch, ingest_outcome& out);
  void schedule_next_escalation(incident& inc);
  void record(incident& inc, const std::string& kind, const std::string& author,
              const std::string& text, bool announce_change = true);
  void post_in_room(const incident& inc, std::int64_t cause, const outbound_message& m);
  // Appends a timeline entry (key events too) and returns its id; see record().
  std::int64_t append_entry(const incident& inc, const std::string& kind, const actor& by,
                            const std::string& text, bool key_event, bool announce_change);
  void enqueue(const incident& inc, effect_kind kind, const std::string& key,
               const std::string& payload = "{}");
  // Records who the current level reaches, and sends them DMs and the level's notifiers.
  void page_level(const incident& inc, std::int64_t cause);
  // Queues the open_room effect in the announcement's lane (before the announcement).
  void enqueue_room(const incident& inc, const std::string& when);
  result<incident> load_open(std::int64_t id);
  rich_text mentions(const incident& inc);
  // Enqueues an update of the incident's announcement; pending older ones are superseded.
  void enqueue_update(const incident& inc, const std::string& key);
  // Alert storms (storms.cpp): the storm a new incident joins (0: none, announce it), an update
  // of a storm's summary (older pending ones superseded), and the summary as it looks now.
  // Flapping (flapping.cpp): true when the change just absorbed made or keeps the incident
  // flapping, so it stays open instead of resolving; flapping incidents resolve once quiet for
  // the rule's window (checked with the escalation timers).
  bool flapping_instead(incident& inc, int firing_before, ingest_outcome& out);
  void settle_flapping();
  field flapping_field() const;
  std::int64_t join_storm_if_busy(const incident& inc);
  void enqueue_storm_update(std::int64_t storm_id, const std::string& channel);

 public:
  outbound_message storm_summary(std::int64_t storm_id);

 private:

  std::shared_ptr<const config> cfg_;
  store& store_;
  const clock_source& clock_;
  std::function<void()> kick_;
  bool effects_enqueued_ = false;
  int commit_depth_ = 0;
  bot_metrics* metrics_ = nullptr;
  std::uint64_t pages_in_commit_ = 0;  // counted as pages once the outermost commit succeeds
  bool changed_ = false;  // a timeline entry was recorded since `once` began
  storm_detector storms_;
  flap_detector flaps_;
  // Open incidents kept open because they flap, and since when none of their alerts fires.
  std::map<std::int64_t, std::optional<time_point>> flapping_;
  std::int64_t storm_updates_ = 0;  // makes each storm update's key unique
};

}  // namespace oncall
