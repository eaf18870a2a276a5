// SQLite storage of what the bot remembers about schedules at run time (bot/core/rota.hpp),
// and the time-window queries that shift summaries and reports read.
#include <SQLiteCpp/SQLiteCpp.h>

#include "bot/store/sqlite_store.hpp"
#include "bot/store/sqlite_columns.hpp"

namespace oncall {

namespace {

using namespace sqlite_columns;

void bind_window(SQLite::Statement& st, time_point from, time_point to) {
  st.bind(1, millis(from));
  st.bind(2, millis(to));
}

const char* handover_columns =
    "id, schedule, outgoing, incoming, shift_from, shift_to, posted_at, channel, message_ref, "
    "accepted_by, accepted_at, reminders, next_reminder_at";

// Binds every handover column but id, in handover_columns order, from index 1.
void bind_handover(SQLite::Statement& st, const handover& h) {
  st.bind(1, h.schedule);
  st.bind(2, h.outgoing);
  st.bind(3, h.incoming);
  st.bind(4, millis(h.shift_from));
  st.bind(5, millis(h.shift_to));
  st.bind(6, millis(h.posted_at));
  st.bind(7, h.channel);
  st.bind(8, h.message_ref);
  st.bind(9, h.accepted_by);
  bind_optional_time(st, 10, h.accepted_at);
  st.bind(11, h.reminders);
  bind_optional_time(st, 12, h.next_reminder_at);
}

}  // namespace

std::vector<incident> sqlite_store::incidents_opened_between(time_point from, time_point to) {
  return query_incidents("WHERE opened_at >= ? AND opened_at < ? ORDER BY opened_at, id",
                         [&](auto& st) { bind_window(st, from, to); });
}

std::vector<timeline_entry> sqlite_store::timeline_between(const std::string& kind,
                                                           time_point from, time_point to) {
  return query_timeline("WHERE kind = ? AND at >= ? AND at < ? ORDER BY at, id", [&](auto& st) {
    st.bind(1, kind);
    st.bind(2, millis(from));
    st.bind(3, millis(to));
  });
}

void sqlite_store::insert_notification(const notification& n) {
  SQLite::Statement st(*db_,
                       "INSERT INTO notifications (incident_id, level, cycle, target, person, "
                       "reason, at) VALUES (?,?,?,?,?,?,?)");
  st.bind(1, static_cast<std::int64_t>(n.incident_id));
  st.bind(2, n.level);
  st.bind(3, n.cycle);
  st.bind(4, n.target);
  st.bind(5, n.person);
  st.bind(6, n.reason);
  st.bind(7, millis(n.at));
  st.exec();
}

std::vector<notification> sqlite_store::query_notifications(
    const std::string& where, const std::function<void(SQLite::Statement&)>& bind) {
  SQLite::Statement st(*db_,
                       "SELECT id, incident_id, level, cycle, target, person, reason, at FROM "
                       "notifications " + where);
  bind(st);
  std::vector<notification> out;
  while (st.executeStep()) {
    out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getInt(),
                   st.getColumn(3).getInt(), st.getColumn(4).getString(),
                   st.getColumn(5).getString(), st.getColumn(6).getString(),
                   from_millis(st.getColumn(7).getInt64())});
  }
  return out;
}

std::vector<notification> sqlite_store::notifications(std::int64_t incident_id) {
  return query_notifications("WHERE incident_id = ? ORDER BY id", [&](auto& st) {
    st.bind(1, static_cast<std::int64_t>(incident_id));
  });
}

std::vector<notification> sqlite_store::notifications_between(time_point from, time_point to) {
  return query_notifications("WHERE at >= ? AND at < ? ORDER BY at, id",
                             [&](auto& st) { bind_window(st, from, to); });
}

std::int64_t sqlite_store::insert_override(const stored_override& o) {
  SQLite::Statement st(*db_,
                       "INSERT INTO overrides (schedule, person, from_at, to_at, created_by, "
                       "created_at) VALUES (?,?,?,?,?,?)");
  st.bind(1, o.schedule);
  st.bind(2, o.person);
  st.bind(3, millis(o.from));
  st.bind(4, millis(o.to));
  st.bind(5, o.created_by);
  st.bind(6, millis(o.created_at));
  st.exec();
  return db_->getLastInsertRowid();
}

std::vector<stored_override> sqlite_store::overrides(const std::string& schedule) {
  SQLite::Statement st(*db_,
                       "SELECT id, schedule, person, from_at, to_at, created_by, created_at FROM "
                       "overrides WHERE ? = '' OR schedule = ? ORDER BY from_at, id");
  st.bind(1, schedule);
  st.bind(2, schedule);
  std::vector<stored_override> out;
  while (st.executeStep()) {
    out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                   st.getColumn(2).getString(), from_millis(st.getColumn(3).getInt64()),
                   from_millis(st.getColumn(4).getInt64()), st.getColumn(5).getString(),
                   from_millis(st.getColumn(6).getInt64())});
  }
  return out;
}

std::optional<schedule_state> sqlite_store::find_schedule_state(const std::string& schedule) {
  SQLite::Statement st(*db_, "SELECT schedule, person, since FROM schedule_state WHERE schedule = ?");
  st.bind(1, schedule);
  if (!st.executeStep()) return std::nullopt;
  return schedule_state{st.getColumn(0).getString(), st.getColumn(1).getString(),
                        from_millis(st.getColumn(2).getInt64())};
}

void sqlite_store::save_schedule_state(const schedule_state& s) {
  SQLite::Statement st(*db_,
                       "INSERT OR REPLACE INTO schedule_state (schedule, person, since) "
                       "VALUES (?,?,?)");
  st.bind(1, s.schedule);
  st.bind(2, s.person);
  st.bind(3, millis(s.since));
  st.exec();
}

std::int64_t sqlite_store::insert_handover(const handover& h) {
  SQLite::Statement st(*db_,
                       "INSERT INTO handovers (schedule, outgoing, incoming, shift_from, shift_to, "
                       "posted_at, channel, message_ref, accepted_by, accepted_at, reminders, "
                       "next_reminder_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
  bind_handover(st, h);
  st.exec();
  return db_->getLastInsertRowid();
}

void sqlite_store::update_handover(const handover& h) {
  SQLite::Statement st(*db_,
                       "UPDATE handovers SET schedule=?, outgoing=?, incoming=?, shift_from=?, "
                       "shift_to=?, posted_at=?, channel=?, message_ref=?, accepted_by=?, "
                       "accepted_at=?, reminders=?, next_reminder_at=? WHERE id=?");
  bind_handover(st, h);
  st.bind(13, static_cast<std::int64_t>(h.id));
  if (st.exec() != 1) throw std::runtime_error("handover " + std::to_string(h.id) + " vanished");
}

std::vector<handover> sqlite_store::query_handovers(
    const std::string& where, const std::function<void(SQLite::Statement&)>& bind) {
  SQLite::Statement st(*db_, std::string("SELECT ") + handover_columns + " FROM handovers " + where);
  bind(st);
  std::vector<handover> out;
  while (st.executeStep()) {
    handover h;
    h.id = st.getColumn(0).getInt64();
    h.schedule = st.getColumn(1).getString();
    h.outgoing = st.getColumn(2).getString();
    h.incoming = st.getColumn(3).getString();
    h.shift_from = from_millis(st.getColumn(4).getInt64());
    h.shift_to = from_millis(st.getColumn(5).getInt64());
    h.posted_at = from_millis(st.getColumn(6).getInt64());
    h.channel = st.getColumn(7).getString();
    h.message_ref = st.getColumn(8).getString();
    h.accepted_by = st.getColumn(9).getString();
    h.accepted_at = optional_time(st.getColumn(10));
    h.reminders = st.getColumn(11).getInt();
    h.next_reminder_at = optional_time(st.getColumn(12));
    out.push_back(std::move(h));
  }
  return out;
}

std::optional<handover> sqlite_store::find_handover(std::int64_t id) {
  auto found = query_handovers("WHERE id = ?", [&](auto& st) { st.bind(1, static_cast<std::int64_t>(id)); });
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<handover> sqlite_store::handovers_due_for_reminder(time_point now) {
  return query_handovers(
      "WHERE accepted_at IS NULL AND next_reminder_at IS NOT NULL AND next_reminder_at <= ? "
      "ORDER BY next_reminder_at",
      [&](auto& st) { st.bind(1, millis(now)); });
}

void sqlite_store::insert_handover_note(const handover_note& n) {
  SQLite::Statement st(*db_,
                       "INSERT INTO handover_notes (schedule, author, text, at, handover_id) "
                       "VALUES (?,?,?,?,?)");
  st.bind(1, n.schedule);
  st.bind(2, n.author);
  st.bind(3, n.text);
  st.bind(4, millis(n.at));
  st.bind(5, static_cast<std::int64_t>(n.handover_id));
  st.exec();
}

std::vector<handover_note> sqlite_store::waiting_handover_notes(const std::string& schedule) {
  SQLite::Statement st(*db_,
                       "SELECT id, schedule, author, text, at, handover_id FROM handover_notes "
                       "WHERE schedule = ? AND handover_id = 0 ORDER BY at, id");
  st.bind(1, schedule);
  std::vector<handover_note> out;
  while (st.executeStep()) {
    out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                   st.getColumn(2).getString(), st.getColumn(3).getString(),
                   from_millis(st.getColumn(4).getInt64()), st.getColumn(5).getInt64()});
  }
  return out;
}

void sqlite_store::attach_handover_notes(const std::string& schedule, std::int64_t handover_id) {
  SQLite::Statement st(*db_,
                       "UPDATE handover_notes SET handover_id = ? WHERE schedule = ? AND "
                       "handover_id = 0");
  st.bind(1, static_cast<std::int64_t>(handover_id));
  st.bind(2, schedule);
  st.exec();
}

}  // namespace oncall
