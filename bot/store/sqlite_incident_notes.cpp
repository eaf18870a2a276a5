// SQLite storage of what responders record about an incident beyond its state: follow-up action
// items. (The root-cause columns live with the other incident columns in sqlite_store.cpp.)
#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>

#include "bot/store/sqlite_store.hpp"
#include "bot/store/sqlite_columns.hpp"

namespace oncall {

namespace {

using namespace sqlite_columns;

const char* followup_columns =
    "id, incident_id, text, owner, created_by, created_at, done_by, done_at";

// Binds every follow-up column but id, in followup_columns order, from index 1.
void bind_followup(SQLite::Statement& st, const followup& f) {
  st.bind(1, f.incident_id);
  st.bind(2, f.text);
  st.bind(3, f.owner);
  st.bind(4, f.created_by);
  st.bind(5, millis(f.created_at));
  st.bind(6, f.done_by);
  if (f.done_at) {
    st.bind(7, millis(*f.done_at));
  } else {
    st.bind(7);  // NULL: still open
  }
}

followup read_followup(SQLite::Statement& st) {
  followup f;
  f.id = st.getColumn(0).getInt64();
  f.incident_id = st.getColumn(1).getInt64();
  f.text = st.getColumn(2).getString();
  f.owner = st.getColumn(3).getString();
  f.created_by = st.getColumn(4).getString();
  f.created_at = from_millis(st.getColumn(5).getInt64());
  f.done_by = st.getColumn(6).getString();
  if (!st.getColumn(7).isNull()) f.done_at = from_millis(st.getColumn(7).getInt64());
  return f;
}

}  // namespace

std::int64_t sqlite_store::insert_followup(const followup& f) {
  SQLite::Statement st(*db_, std::string("INSERT INTO followups (") + followup_columns +
                                 ") VALUES (NULL, ?,?,?,?,?,?,?)");
  bind_followup(st, f);
  st.exec();
  return db_->getLastInsertRowid();
}

void sqlite_store::update_followup(const followup& f) {
  SQLite::Statement st(*db_,
                       "UPDATE followups SET incident_id=?, text=?, owner=?, created_by=?, "
                       "created_at=?, done_by=?, done_at=? WHERE id=?");
  bind_followup(st, f);
  st.bind(8, f.id);
  if (st.exec() != 1) throw std::runtime_error("follow-up " + f.display_id() + " vanished");
}

std::vector<followup> sqlite_store::query_followups(
    const std::string& where, const std::function<void(SQLite::Statement&)>& bind) {
  SQLite::Statement st(*db_,
                       std::string("SELECT ") + followup_columns + " FROM followups " + where);
  bind(st);
  std::vector<followup> out;
  while (st.executeStep()) out.push_back(read_followup(st));
  return out;
}

std::optional<followup> sqlite_store::find_followup(std::int64_t id) {
  auto found = query_followups("WHERE id = ?", [&](auto& st) { st.bind(1, id); });
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<followup> sqlite_store::followups(std::int64_t incident_id) {
  return query_followups("WHERE incident_id = ? ORDER BY id",
                         [&](auto& st) { st.bind(1, incident_id); });
}

}  // namespace oncall
