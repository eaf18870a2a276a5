// Alert storms in SQLite: the storm rows (summary message ref) and their incidents.
#include <SQLiteCpp/SQLiteCpp.h>

#include "bot/store/sqlite_columns.hpp"
#include "bot/store/sqlite_store.hpp"

namespace oncall {

using namespace sqlite_columns;

namespace {

const char* storm_columns = "id, channel, started_at, last_at, message_channel, message_ref";

storm read_storm(SQLite::Statement& st) {
  return {st.getColumn(0).getInt64(),         st.getColumn(1).getString(),
          from_millis(st.getColumn(2).getInt64()), from_millis(st.getColumn(3).getInt64()),
          st.getColumn(4).getString(),        st.getColumn(5).getString()};
}

}  // namespace

std::optional<storm> sqlite_store::active_storm(const std::string& channel, time_point since) {
  SQLite::Statement st(*db_, std::string("SELECT ") + storm_columns +
                                 " FROM storms WHERE channel = ? AND last_at >= ? ORDER BY id DESC LIMIT 1");
  st.bind(1, channel);
  st.bind(2, millis(since));
  if (!st.executeStep()) return std::nullopt;
  return read_storm(st);
}

std::int64_t sqlite_store::insert_storm(const storm& s) {
  SQLite::Statement st(*db_,
                       "INSERT INTO storms (channel, started_at, last_at, message_channel, "
                       "message_ref) VALUES (?,?,?,?,?)");
  st.bind(1, s.channel);
  st.bind(2, millis(s.started_at));
  st.bind(3, millis(s.last_at));
  st.bind(4, s.message_channel);
  st.bind(5, s.message_ref);
  st.exec();
  return db_->getLastInsertRowid();
}

void sqlite_store::update_storm(const storm& s) {
  SQLite::Statement st(*db_,
                       "UPDATE storms SET last_at = ?, message_channel = ?, message_ref = ? WHERE id = ?");
  st.bind(1, millis(s.last_at));
  st.bind(2, s.message_channel);
  st.bind(3, s.message_ref);
  st.bind(4, static_cast<std::int64_t>(s.id));
  st.exec();
}

std::optional<storm> sqlite_store::find_storm(std::int64_t id) {
  SQLite::Statement st(*db_, std::string("SELECT ") + storm_columns + " FROM storms WHERE id = ?");
  st.bind(1, static_cast<std::int64_t>(id));
  if (!st.executeStep()) return std::nullopt;
  return read_storm(st);
}

void sqlite_store::add_to_storm(std::int64_t storm_id, std::int64_t incident_id) {
  SQLite::Statement st(*db_, "INSERT OR IGNORE INTO storm_incidents (incident_id, storm_id) VALUES (?,?)");
  st.bind(1, static_cast<std::int64_t>(incident_id));
  st.bind(2, static_cast<std::int64_t>(storm_id));
  st.exec();
}

std::optional<std::int64_t> sqlite_store::storm_of(std::int64_t incident_id) {
  SQLite::Statement st(*db_, "SELECT storm_id FROM storm_incidents WHERE incident_id = ?");
  st.bind(1, static_cast<std::int64_t>(incident_id));
  if (!st.executeStep()) return std::nullopt;
  return st.getColumn(0).getInt64();
}

std::vector<incident> sqlite_store::storm_incidents(std::int64_t storm_id, int limit) {
  return query_incidents(
      "WHERE id IN (SELECT incident_id FROM storm_incidents WHERE storm_id = ?) ORDER BY id DESC LIMIT ?",
      [&](SQLite::Statement& st) {
        st.bind(1, static_cast<std::int64_t>(storm_id));
        st.bind(2, limit);
      });
}

storm_counts sqlite_store::count_storm(std::int64_t storm_id) {
  SQLite::Statement st(*db_,
                       "SELECT COUNT(*), COALESCE(SUM(i.state != 'resolved'), 0) FROM storm_incidents s "
                       "JOIN incidents i ON i.id = s.incident_id WHERE s.storm_id = ?");
  st.bind(1, static_cast<std::int64_t>(storm_id));
  st.executeStep();
  return {st.getColumn(0).getInt(), st.getColumn(1).getInt()};
}

}  // namespace oncall
