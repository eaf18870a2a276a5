// SQLite storage of incidents' dedicated channels.
#include <SQLiteCpp/SQLiteCpp.h>

#include "bot/store/sqlite_store.hpp"

namespace oncall {

namespace {

std::optional<incident_room> read_room(SQLite::Statement& st) {
  if (!st.executeStep()) return std::nullopt;
  return incident_room{st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getString()};
}

}  // namespace

void sqlite_store::save_incident_room(const incident_room& room) {
  SQLite::Statement st(*db_, "INSERT OR REPLACE INTO incident_rooms (incident_id, channel, name) VALUES (?, ?, ?)");
  st.bind(1, static_cast<std::int64_t>(room.incident_id));
  st.bind(2, room.channel);
  st.bind(3, room.name);
  st.exec();
}

std::optional<incident_room> sqlite_store::find_incident_room(std::int64_t incident_id) {
  SQLite::Statement st(*db_, "SELECT incident_id, channel, name FROM incident_rooms WHERE incident_id = ?");
  st.bind(1, static_cast<std::int64_t>(incident_id));
  return read_room(st);
}

std::optional<incident_room> sqlite_store::find_incident_room_by_channel(const std::string& channel) {
  SQLite::Statement st(*db_, "SELECT incident_id, channel, name FROM incident_rooms WHERE channel = ?");
  st.bind(1, channel);
  return read_room(st);
}

}  // namespace oncall
