// SQLite implementation of the store, through SQLiteCpp.
#include "bot/store/sqlite_store.hpp"
#include "bot/store/sqlite_columns.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "bot/store/codec.hpp"
#include "bot/store/migrations.hpp"

namespace oncall {

namespace {

using namespace sqlite_columns;

const char* incident_columns =
    "id, key, title, source, severity, severity_set_by_hand, state, policy, level, cycle, "
    "opened_at, acked_at, acked_by, ack_until, resolved_at, resolved_by, lead, "
    "next_escalation_at, labels, links, alert_count, firing_count, channel, message_ref, cause, "
    "cause_text";

incident read_incident(SQLite::Statement& st) {
  incident inc;
  inc.id = st.getColumn(0).getInt64();
  inc.key = st.getColumn(1).getString();
  inc.title = st.getColumn(2).getString();
  inc.source = st.getColumn(3).getString();
  inc.severity = st.getColumn(4).getInt();
  inc.severity_set_by_hand = st.getColumn(5).getInt() != 0;
  inc.state = incident_state_from_string(st.getColumn(6).getString())
                  .value_or(incident_state::triggered);
  inc.policy = st.getColumn(7).getString();
  inc.level = st.getColumn(8).getInt();
  inc.cycle = st.getColumn(9).getInt();
  inc.opened_at = from_millis(st.getColumn(10).getInt64());
  inc.acked_at = optional_time(st.getColumn(11));
  inc.acked_by = st.getColumn(12).getString();
  inc.ack_until = optional_time(st.getColumn(13));
  inc.resolved_at = optional_time(st.getColumn(14));
  inc.resolved_by = st.getColumn(15).getString();
  inc.lead = st.getColumn(16).getString();
  inc.next_escalation_at = optional_time(st.getColumn(17));
  inc.labels = labels_from_json(st.getColumn(18).getString());
  inc.links = links_from_json(st.getColumn(19).getString());
  inc.alert_count = st.getColumn(20).getInt();
  inc.firing_count = st.getColumn(21).getInt();
  inc.channel = st.getColumn(22).getString();
  inc.message_ref = st.getColumn(23).getString();
  inc.cause = root_cause_from_string(st.getColumn(24).getString()).value_or(root_cause::unknown);
  inc.cause_text = st.getColumn(25).getString();
  return inc;
}

// Binds every column but id, in incident_columns order, starting at index 1.
void bind_incident(SQLite::Statement& st, const incident& inc) {
  st.bind(1, inc.key);
  st.bind(2, inc.title);
  st.bind(3, inc.source);
  st.bind(4, inc.severity);
  st.bind(5, inc.severity_set_by_hand ? 1 : 0);
  st.bind(6, to_string(inc.state));
  st.bind(7, inc.policy);
  st.bind(8, inc.level);
  st.bind(9, inc.cycle);
  st.bind(10, static_cast<std::int64_t>(to_millis(inc.opened_at)));
  bind_optional_time(st, 11, inc.acked_at);
  st.bind(12, inc.acked_by);
  bind_optional_time(st, 13, inc.ack_until);
  bind_optional_time(st, 14, inc.resolved_at);
  st.bind(15, inc.resolved_by);
  st.bind(16, inc.lead);
  bind_optional_time(st, 17, inc.next_escalation_at);
  st.bind(18, labels_to_json(inc.labels));
  st.bind(19, links_to_json(inc.links));
  st.bind(20, inc.alert_count);
  st.bind(21, inc.firing_count);
  st.bind(22, inc.channel);
  st.bind(23, inc.message_ref);
  st.bind(24, to_string(inc.cause));
  st.bind(25, inc.cause_text);
}

}  // namespace

sqlite_store::sqlite_store(const std::string& path) {
  try {
    db_ = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db_->setBusyTimeout(5000);
    if (path != ":memory:") db_->exec("PRAGMA journal_mode=WAL");
    // FULL: a commit that acks a webhook or an envelope must survive a crash of the machine.
    db_->exec("PRAGMA synchronous=FULL");
    db_->exec("PRAGMA foreign_keys=ON");
  } catch (const SQLite::Exception& e) {
    throw std::runtime_error("cannot open storage '" + path + "': " + e.what() +
                             "; check the path in the config's storage key and its permissions");
  }
  migrate();
}

sqlite_store::~sqlite_store() = default;

int sqlite_store::schema_version() {
  return db_->execAndGet("PRAGMA user_version").getInt();
}

void sqlite_store::migrate() {
  const auto& steps = sqlite_migrations();
  int version = schema_version();
  if (version > static_cast<int>(steps.size())) {
    throw std::runtime_error("storage schema version " + std::to_string(version) +
                             " is newer than this oncallbot knows (" +
                             std::to_string(steps.size()) + "); run a newer oncallbot");
  }
  for (; version < static_cast<int>(steps.size()); ++version) {
    SQLite::Transaction tx(*db_);
    db_->exec(steps[version]);
    db_->exec("PRAGMA user_version = " + std::to_string(version + 1));
    tx.commit();
  }
}

void sqlite_store::transaction(const std::function<void()>& body) {
  if (transaction_depth_ > 0) {
    body();
    return;
  }
  SQLite::Transaction tx(*db_);
  ++transaction_depth_;
  try {
    body();
  } catch (...) {
    --transaction_depth_;
    throw;  // tx's destructor rolls back
  }
  --transaction_depth_;
  tx.commit();
}

std::int64_t sqlite_store::insert_incident(const incident& inc) {
  SQLite::Statement st(*db_, std::string("INSERT INTO incidents (") + incident_columns +
                                 ") VALUES (NULL, ?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  bind_incident(st, inc);
  st.exec();
  return db_->getLastInsertRowid();
}

void sqlite_store::update_incident(const incident& inc) {
  SQLite::Statement st(*db_,
                       "UPDATE incidents SET key=?, title=?, source=?, severity=?, "
                       "severity_set_by_hand=?, state=?, policy=?, level=?, cycle=?, opened_at=?, "
                       "acked_at=?, acked_by=?, ack_until=?, resolved_at=?, resolved_by=?, lead=?, "
                       "next_escalation_at=?, labels=?, links=?, alert_count=?, firing_count=?, "
                       "channel=?, message_ref=?, cause=?, cause_text=? WHERE id=?");
  bind_incident(st, inc);
  st.bind(26, static_cast<std::int64_t>(inc.id));
  if (st.exec() != 1) throw std::runtime_error("incident #" + std::to_string(inc.id) + " vanished");
}

std::vector<incident> sqlite_store::query_incidents(
    const std::string& where, const std::function<void(SQLite::Statement&)>& bind) {
  SQLite::Statement st(*db_, std::string("SELECT ") + incident_columns + " FROM incidents " + where);
  bind(st);
  std::vector<incident> out;
  while (st.executeStep()) out.push_back(read_incident(st));
  return out;
}

std::optional<incident> sqlite_store::find_incident(std::int64_t id) {
  auto found = query_incidents("WHERE id = ?", [&](auto& st) { st.bind(1, static_cast<std::int64_t>(id)); });
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<incident> sqlite_store::find_open_incident_by_key(const std::string& key) {
  auto found = query_incidents("WHERE key = ? AND state != 'resolved'",
                               [&](auto& st) { st.bind(1, key); });
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<incident> sqlite_store::open_incidents() {
  return query_incidents("WHERE state != 'resolved' ORDER BY id", [](auto&) {});
}

std::optional<incident> sqlite_store::find_incident_by_message(const std::string& channel,
                                                               const std::string& message_ref) {
  auto found = query_incidents("WHERE channel = ? AND message_ref = ?", [&](auto& st) {
    st.bind(1, channel);
    st.bind(2, message_ref);
  });
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<incident> sqlite_store::incidents_due_for_escalation(time_point now) {
  return query_incidents(
      "WHERE state != 'resolved' AND next_escalation_at IS NOT NULL AND next_escalation_at <= ? "
      "ORDER BY next_escalation_at",
      [&](auto& st) { st.bind(1, static_cast<std::int64_t>(to_millis(now))); });
}

void sqlite_store::upsert_alert(std::int64_t incident_id, const alert& a, time_point now) {
  SQLite::Statement st(*db_,
                       "INSERT INTO alerts (incident_id, fingerprint, status, title, severity, "
                       "labels, annotations, links, starts_at, ends_at, updated_at) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(incident_id, fingerprint) DO "
                       "UPDATE SET status=excluded.status, title=excluded.title, "
                       "severity=excluded.severity, labels=excluded.labels, "
                       "annotations=excluded.annotations, links=excluded.links, "
                       "starts_at=excluded.starts_at, ends_at=excluded.ends_at, "
                       "updated_at=excluded.updated_at");
  st.bind(1, static_cast<std::int64_t>(incident_id));
  st.bind(2, a.fingerprint);
  st.bind(3, a.status == alert_status::firing ? "firing" : "resolved");
  st.bind(4, a.title);
  st.bind(5, a.severity);
  st.bind(6, labels_to_json(a.labels));
  st.bind(7, labels_to_json(a.annotations));
  st.bind(8, links_to_json(a.links));
  bind_optional_time(st, 9, a.starts_at);
  bind_optional_time(st, 10, a.ends_at);
  st.bind(11, static_cast<std::int64_t>(to_millis(now)));
  st.exec();
}

std::vector<alert> sqlite_store::incident_alerts(std::int64_t incident_id) {
  SQLite::Statement st(*db_,
                       "SELECT fingerprint, status, title, severity, labels, annotations, links, "
                       "starts_at, ends_at FROM alerts WHERE incident_id = ? ORDER BY rowid");
  st.bind(1, static_cast<std::int64_t>(incident_id));
  std::vector<alert> out;
  while (st.executeStep()) {
    alert a;
    a.fingerprint = st.getColumn(0).getString();
    a.status = st.getColumn(1).getString() == "firing" ? alert_status::firing
                                                       : alert_status::resolved;
    a.title = st.getColumn(2).getString();
    a.severity = st.getColumn(3).getInt();
    a.labels = labels_from_json(st.getColumn(4).getString());
    a.annotations = labels_from_json(st.getColumn(5).getString());
    a.links = links_from_json(st.getColumn(6).getString());
    a.starts_at = optional_time(st.getColumn(7));
    a.ends_at = optional_time(st.getColumn(8));
    out.push_back(std::move(a));
  }
  return out;
}

alert_counts sqlite_store::count_alerts(std::int64_t incident_id) {
  SQLite::Statement st(*db_,
                       "SELECT COUNT(*), COALESCE(SUM(status = 'firing'), 0) FROM alerts "
                       "WHERE incident_id = ?");
  st.bind(1, static_cast<std::int64_t>(incident_id));
  st.executeStep();
  return {st.getColumn(0).getInt(), st.getColumn(1).getInt()};
}

std::int64_t sqlite_store::append_timeline(const timeline_entry& e) {
  SQLite::Statement st(*db_,
                       "INSERT INTO timeline (incident_id, at, kind, author, text, ref, key_event) "
                       "VALUES (?,?,?,?,?,?,?)");
  st.bind(1, static_cast<std::int64_t>(e.incident_id));
  st.bind(2, static_cast<std::int64_t>(to_millis(e.at)));
  st.bind(3, e.kind);
  st.bind(4, e.author);
  st.bind(5, e.text);
  st.bind(6, e.ref);
  st.bind(7, e.key_event ? 1 : 0);
  st.exec();
  return db_->getLastInsertRowid();
}

std::vector<timeline_entry> sqlite_store::query_timeline(
    const std::string& where, const std::function<void(SQLite::Statement&)>& bind) {
  SQLite::Statement st(*db_,
                       "SELECT id, incident_id, at, kind, author, text, ref, key_event FROM "
                       "timeline " + where);
  bind(st);
  std::vector<timeline_entry> out;
  while (st.executeStep()) {
    out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getInt64(),
                   from_millis(st.getColumn(2).getInt64()), st.getColumn(3).getString(),
                   st.getColumn(4).getString(), st.getColumn(5).getString(),
                   st.getColumn(6).getString(), st.getColumn(7).getInt() != 0});
  }
  return out;
}

std::vector<timeline_entry> sqlite_store::timeline(std::int64_t incident_id) {
  return query_timeline("WHERE incident_id = ? ORDER BY at, id", [&](auto& st) {
    st.bind(1, static_cast<std::int64_t>(incident_id));
  });
}

bool sqlite_store::enqueue_effect(const effect& e) {
  SQLite::Statement st(*db_,
                       "INSERT OR IGNORE INTO effects (key, kind, channel, incident_id, payload, "
                       "created_at, subject) VALUES (?,?,?,?,?,?,?)");
  st.bind(1, e.key);
  st.bind(2, to_string(e.kind));
  st.bind(3, e.channel);
  st.bind(4, static_cast<std::int64_t>(e.incident_id));
  st.bind(5, e.payload);
  st.bind(6, static_cast<std::int64_t>(to_millis(e.created_at)));
  st.bind(7, e.subject);
  return st.exec() == 1;
}

std::vector<effect> sqlite_store::pending_effects() {
  return query_effects("WHERE done_at IS NULL ORDER BY id", [](SQLite::Statement&) {});
}

void sqlite_store::complete_effect(std::int64_t effect_id, time_point now) {
  SQLite::Statement st(*db_, "UPDATE effects SET done_at = ? WHERE id = ?");
  st.bind(1, static_cast<std::int64_t>(to_millis(now)));
  st.bind(2, static_cast<std::int64_t>(effect_id));
  st.exec();
}

void sqlite_store::note_effect_attempt(std::int64_t effect_id) {
  SQLite::Statement st(*db_, "UPDATE effects SET attempts = attempts + 1 WHERE id = ?");
  st.bind(1, static_cast<std::int64_t>(effect_id));
  st.exec();
}

std::optional<inbound_record> sqlite_store::find_inbound(const std::string& id) {
  SQLite::Statement st(*db_, "SELECT reply FROM inbound WHERE id = ?");
  st.bind(1, id);
  if (!st.executeStep()) return std::nullopt;
  return inbound_record{st.getColumn(0).getString()};
}

void sqlite_store::record_inbound(const std::string& id, const std::string& reply, time_point now) {
  SQLite::Statement st(*db_, "INSERT OR REPLACE INTO inbound (id, reply, at) VALUES (?,?,?)");
  st.bind(1, id);
  st.bind(2, reply);
  st.bind(3, static_cast<std::int64_t>(to_millis(now)));
  st.exec();
}

std::int64_t sqlite_store::count_rows(const std::string& table) {
  static const char* known[] = {"incidents",      "alerts",    "timeline",
                                "effects",        "inbound",   "notifications",
                                "overrides",      "handovers", "handover_notes",
                                "schedule_state", "followups",   "deploys"};
  for (const char* name : known) {
    if (table == name) return db_->execAndGet("SELECT COUNT(*) FROM " + table).getInt64();
  }
  throw std::invalid_argument("unknown table " + table);
}

std::unique_ptr<store> open_store(const std::string& url) {
  const std::string prefix = "sqlite:";
  if (url.rfind(prefix, 0) == 0) return std::make_unique<sqlite_store>(url.substr(prefix.size()));
  throw std::runtime_error("storage '" + url +
                           "' is not supported yet; use sqlite:PATH (PostgreSQL comes later)");
}

}  // namespace oncall
