// SQLite storage of tracker work: the durable queue of tracker jobs (one pending job per kind
// and subject, so asking twice files once) and the tickets filed for incidents and follow-ups.
#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>

#include "bot/store/sqlite_columns.hpp"
#include "bot/store/sqlite_store.hpp"

namespace oncall {

namespace {

using namespace sqlite_columns;

const char* job_columns =
    "id, kind, incident_id, followup_id, state, attempts, created_at, next_attempt_at, last_error, "
    "failure_reported";

// Binds every job column but id, in job_columns order, from index 1.
void bind_job(SQLite::Statement& st, const tracker_job& j) {
  st.bind(1, to_string(j.kind));
  st.bind(2, j.incident_id);
  st.bind(3, j.followup_id);
  st.bind(4, j.state);
  st.bind(5, j.attempts);
  st.bind(6, millis(j.created_at));
  bind_optional_time(st, 7, j.next_attempt_at);
  st.bind(8, j.last_error);
  st.bind(9, j.failure_reported ? 1 : 0);
}

tracker_job read_job(SQLite::Statement& st) {
  tracker_job j;
  j.id = st.getColumn(0).getInt64();
  j.kind = tracker_job_kind_from_string(st.getColumn(1).getString())
               .value_or(tracker_job_kind::incident_ticket);
  j.incident_id = st.getColumn(2).getInt64();
  j.followup_id = st.getColumn(3).getInt64();
  j.state = st.getColumn(4).getString();
  j.attempts = st.getColumn(5).getInt();
  j.created_at = from_millis(st.getColumn(6).getInt64());
  j.next_attempt_at = optional_time(st.getColumn(7));
  j.last_error = st.getColumn(8).getString();
  j.failure_reported = st.getColumn(9).getInt() != 0;
  return j;
}

const char* ticket_columns = "incident_id, followup_id, key, url, status, category, checked_at";

ticket read_ticket(SQLite::Statement& st) {
  ticket t;
  t.incident_id = st.getColumn(0).getInt64();
  t.followup_id = st.getColumn(1).getInt64();
  t.key = st.getColumn(2).getString();
  t.url = st.getColumn(3).getString();
  t.status = st.getColumn(4).getString();
  t.category = st.getColumn(5).getString();
  t.checked_at = optional_time(st.getColumn(6));
  return t;
}

}  // namespace

bool sqlite_store::enqueue_tracker_job(const tracker_job& j) {
  SQLite::Statement st(*db_, std::string("INSERT OR IGNORE INTO tracker_jobs (") + job_columns +
                                 ") VALUES (NULL, ?,?,?,?,?,?,?,?,?)");
  bind_job(st, j);
  return st.exec() == 1;
}

void sqlite_store::update_tracker_job(const tracker_job& j) {
  SQLite::Statement st(*db_,
                       "UPDATE tracker_jobs SET kind=?, incident_id=?, followup_id=?, state=?, "
                       "attempts=?, created_at=?, next_attempt_at=?, last_error=?, "
                       "failure_reported=? WHERE id=?");
  bind_job(st, j);
  st.bind(10, j.id);
  if (st.exec() != 1) throw std::runtime_error("tracker job " + std::to_string(j.id) + " vanished");
}

std::vector<tracker_job> sqlite_store::tracker_jobs(const std::string& state) {
  SQLite::Statement st(*db_, std::string("SELECT ") + job_columns +
                                 " FROM tracker_jobs WHERE state = ? ORDER BY id");
  st.bind(1, state);
  std::vector<tracker_job> out;
  while (st.executeStep()) out.push_back(read_job(st));
  return out;
}

void sqlite_store::save_ticket(const ticket& t) {
  SQLite::Statement st(*db_, std::string("INSERT OR REPLACE INTO tickets (") + ticket_columns +
                                 ") VALUES (?,?,?,?,?,?,?)");
  st.bind(1, t.incident_id);
  st.bind(2, t.followup_id);
  st.bind(3, t.key);
  st.bind(4, t.url);
  st.bind(5, t.status);
  st.bind(6, t.category);
  bind_optional_time(st, 7, t.checked_at);
  st.exec();
}

std::optional<ticket> sqlite_store::find_ticket(std::int64_t incident_id, std::int64_t followup_id) {
  SQLite::Statement st(*db_, std::string("SELECT ") + ticket_columns +
                                 " FROM tickets WHERE incident_id = ? AND followup_id = ?");
  st.bind(1, incident_id);
  st.bind(2, followup_id);
  if (!st.executeStep()) return std::nullopt;
  return read_ticket(st);
}

std::vector<ticket> sqlite_store::tickets(std::int64_t incident_id) {
  SQLite::Statement st(*db_, std::string("SELECT ") + ticket_columns +
                                 " FROM tickets WHERE incident_id = ? ORDER BY followup_id");
  st.bind(1, incident_id);
  std::vector<ticket> out;
  while (st.executeStep()) out.push_back(read_ticket(st));
  return out;
}

std::vector<followup> sqlite_store::open_followups() {
  return query_followups("WHERE done_at IS NULL ORDER BY id", [](auto&) {});
}

std::vector<followup> sqlite_store::followups_done_between(time_point from, time_point to) {
  return query_followups("WHERE done_at >= ? AND done_at < ? ORDER BY done_at, id", [&](auto& st) {
    st.bind(1, millis(from));
    st.bind(2, millis(to));
  });
}

}  // namespace oncall
