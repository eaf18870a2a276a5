// The SQLite schema, as numbered migrations. Never edit a released migration: add a new one.
#include "bot/store/migrations.hpp"

namespace oncall {

const std::vector<std::string>& sqlite_migrations() {
  static const std::vector<std::string> all = {
      // 1: incidents, their alerts, timeline, outbound effects, applied inbound deliveries.
      R"sql(
CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  title TEXT NOT NULL,
  source TEXT NOT NULL,
  severity INTEGER NOT NULL,
  severity_set_by_hand INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  policy TEXT NOT NULL,
  level INTEGER NOT NULL DEFAULT 0,
  cycle INTEGER NOT NULL DEFAULT 0,
  opened_at INTEGER NOT NULL,
  acked_at INTEGER,
  acked_by TEXT NOT NULL DEFAULT '',
  ack_until INTEGER,
  resolved_at INTEGER,
  resolved_by TEXT NOT NULL DEFAULT '',
  lead TEXT NOT NULL DEFAULT '',
  next_escalation_at INTEGER,
  labels TEXT NOT NULL DEFAULT '{}',
  links TEXT NOT NULL DEFAULT '[]',
  alert_count INTEGER NOT NULL DEFAULT 0,
  firing_count INTEGER NOT NULL DEFAULT 0,
  channel TEXT NOT NULL DEFAULT '',
  message_ref TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX incidents_open_key ON incidents(key) WHERE state != 'resolved';
CREATE INDEX incidents_state ON incidents(state);
CREATE INDEX incidents_message ON incidents(channel, message_ref);

CREATE TABLE alerts (
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  fingerprint TEXT NOT NULL,
  status TEXT NOT NULL,
  title TEXT NOT NULL,
  severity INTEGER NOT NULL,
  labels TEXT NOT NULL,
  annotations TEXT NOT NULL,
  links TEXT NOT NULL,
  starts_at INTEGER,
  ends_at INTEGER,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (incident_id, fingerprint)
);

CREATE TABLE timeline (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  ref TEXT NOT NULL DEFAULT '',
  key_event INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX timeline_incident ON timeline(incident_id, at);

CREATE TABLE effects (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL,
  incident_id INTEGER NOT NULL,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  done_at INTEGER
);
CREATE INDEX effects_pending ON effects(id) WHERE done_at IS NULL;

CREATE TABLE inbound (
  id TEXT PRIMARY KEY,
  reply TEXT NOT NULL,
  at INTEGER NOT NULL
);
)sql",
      // 2: schedules at run time: who was notified, chat overrides, handovers and their notes;
      // effects get a subject (what a post belongs to besides an incident, e.g. a handover).
      R"sql(
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  level INTEGER NOT NULL,
  cycle INTEGER NOT NULL,
  target TEXT NOT NULL,
  person TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL
);
CREATE INDEX notifications_incident ON notifications(incident_id, id);
CREATE INDEX notifications_at ON notifications(at);

CREATE TABLE overrides (
  id INTEGER PRIMARY KEY,
  schedule TEXT NOT NULL,
  person TEXT NOT NULL,
  from_at INTEGER NOT NULL,
  to_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX overrides_schedule ON overrides(schedule, from_at);

CREATE TABLE schedule_state (
  schedule TEXT PRIMARY KEY,
  person TEXT NOT NULL,
  since INTEGER NOT NULL
);

CREATE TABLE handovers (
  id INTEGER PRIMARY KEY,
  schedule TEXT NOT NULL,
  outgoing TEXT NOT NULL,
  incoming TEXT NOT NULL,
  shift_from INTEGER NOT NULL,
  shift_to INTEGER NOT NULL,
  posted_at INTEGER NOT NULL,
  channel TEXT NOT NULL DEFAULT '',
  message_ref TEXT NOT NULL DEFAULT '',
  accepted_by TEXT NOT NULL DEFAULT '',
  accepted_at INTEGER,
  reminders INTEGER NOT NULL DEFAULT 0,
  next_reminder_at INTEGER
);
CREATE INDEX handovers_reminder ON handovers(next_reminder_at) WHERE next_reminder_at IS NOT NULL;

CREATE TABLE handover_notes (
  id INTEGER PRIMARY KEY,
  schedule TEXT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  at INTEGER NOT NULL,
  handover_id INTEGER NOT NULL DEFAULT 0
);

ALTER TABLE effects ADD COLUMN subject TEXT NOT NULL DEFAULT '';
CREATE INDEX incidents_opened ON incidents(opened_at);
CREATE INDEX timeline_kind ON timeline(kind, at);
)sql",
      // 3: what responders record for the postmortem: the root-cause category and text on the
      // incident, and follow-up action items with an owner and an open/done state.
      R"sql(
ALTER TABLE incidents ADD COLUMN cause TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE incidents ADD COLUMN cause_text TEXT NOT NULL DEFAULT '';

CREATE TABLE followups (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  text TEXT NOT NULL,
  owner TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  done_by TEXT NOT NULL DEFAULT '',
  done_at INTEGER
);
CREATE INDEX followups_incident ON followups(incident_id, id);
)sql",
      // 4: entries that came from chat messages are found by the message's ref (edits,
      // deletions and pins in incident rooms); bot events have none and stay out of the index.
      R"sql(
CREATE INDEX timeline_ref ON timeline(ref) WHERE ref != '';
)sql",
      // 5: runbook runs: the record the runbook service carries out and the audit log in one
      // (requests, refusals, confirmations, starts and ends).
      R"sql(
CREATE TABLE IF NOT EXISTS runbook_runs (
  id INTEGER PRIMARY KEY,
  runbook TEXT NOT NULL,
  argv TEXT NOT NULL DEFAULT '[]',
  params TEXT NOT NULL DEFAULT '{}',
  requested_by TEXT NOT NULL,
  incident_id INTEGER NOT NULL DEFAULT 0,
  channel TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  expires_at INTEGER,
  started_at INTEGER,
  ended_at INTEGER,
  exit_code INTEGER,
  signal INTEGER,
  timed_out INTEGER NOT NULL DEFAULT 0,
  output_bytes INTEGER NOT NULL DEFAULT 0,
  output TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS runbook_runs_state ON runbook_runs(state);
CREATE INDEX IF NOT EXISTS runbook_runs_incident ON runbook_runs(incident_id, id);
)sql",
      // 6: the outbox reads one lane (channel) at a time: its oldest pending effect.
      R"sql(
CREATE INDEX effects_lane ON effects(channel, id) WHERE done_at IS NULL;
)sql",
      // 7: tracker work: a durable queue of jobs that file and update tickets (one pending job
      // per kind and subject), and the tickets filed for incidents and their follow-ups.
      R"sql(
CREATE TABLE IF NOT EXISTS tracker_jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  incident_id INTEGER NOT NULL,
  followup_id INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  failure_reported INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS tracker_jobs_pending
  ON tracker_jobs(kind, incident_id, followup_id) WHERE state = 'pending';
CREATE TABLE IF NOT EXISTS tickets (
  incident_id INTEGER NOT NULL,
  followup_id INTEGER NOT NULL DEFAULT 0,
  key TEXT NOT NULL,
  url TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  checked_at INTEGER,
  PRIMARY KEY (incident_id, followup_id)
);
)sql",
      // 8: dedicated incident channels (incident_rooms: channel, /oncall channel): the whole
      // channel is the incident's room.
      R"sql(
CREATE TABLE IF NOT EXISTS incident_rooms (
  incident_id INTEGER PRIMARY KEY REFERENCES incidents(id),
  channel TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);
)sql",
      // 9: deploy events from CI (POST /webhooks/deploy), found by service and time for the
      // postmortem's "deploys in the two hours before detection".
      R"sql(
CREATE TABLE IF NOT EXISTS deploys (
  id INTEGER PRIMARY KEY,
  service TEXT NOT NULL,
  version TEXT NOT NULL,
  commit_id TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS deploys_service ON deploys(service, at);
)sql",
      // 10: alert storms: one summary message per storm, and which incidents it summarises.
      R"sql(
CREATE TABLE IF NOT EXISTS storms (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  message_channel TEXT NOT NULL DEFAULT '',
  message_ref TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS storms_channel ON storms(channel, last_at);
CREATE TABLE IF NOT EXISTS storm_incidents (
  incident_id INTEGER PRIMARY KEY REFERENCES incidents(id),
  storm_id INTEGER NOT NULL REFERENCES storms(id)
);
CREATE INDEX IF NOT EXISTS storm_incidents_storm ON storm_incidents(storm_id, incident_id);
)sql",
  };
  return all;
}

}  // namespace oncall
