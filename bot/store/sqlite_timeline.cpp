// Timeline entries that came from chat messages: found by the message's ref, their text
// replaced on an edit, removed on a deletion, marked as key events by a :pushpin:.
#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>
#include <string>

#include "bot/store/sqlite_store.hpp"

namespace oncall {

namespace {

// A statement that must touch exactly the one entry it names.
void exec_on_entry(SQLite::Statement& st, std::int64_t entry_id) {
  if (st.exec() != 1) {
    throw std::runtime_error("timeline entry " + std::to_string(entry_id) + " vanished");
  }
}

}  // namespace

// Slack's ts is unique only within a channel, so the ref is looked up among the incidents
// announced in that channel (a Mattermost post id is unique anyway).
std::optional<timeline_entry> sqlite_store::find_timeline_by_ref(const std::string& channel,
                                                                 const std::string& ref) {
  if (ref.empty()) return std::nullopt;
  auto found = query_timeline(
      // `ref != ''` lets SQLite use the partial index timeline_ref (migration 4).
      "WHERE ref = ? AND ref != '' AND incident_id IN (SELECT id FROM incidents WHERE channel = ?) "
      "ORDER BY id LIMIT 1",
      [&](auto& st) {
        st.bind(1, ref);
        st.bind(2, channel);
      });
  if (found.empty()) return std::nullopt;
  return found.front();
}

void sqlite_store::update_timeline_text(std::int64_t entry_id, const std::string& text) {
  SQLite::Statement st(*db_, "UPDATE timeline SET text = ? WHERE id = ?");
  st.bind(1, text);
  st.bind(2, static_cast<std::int64_t>(entry_id));
  exec_on_entry(st, entry_id);
}

void sqlite_store::delete_timeline_entry(std::int64_t entry_id) {
  SQLite::Statement st(*db_, "DELETE FROM timeline WHERE id = ?");
  st.bind(1, static_cast<std::int64_t>(entry_id));
  exec_on_entry(st, entry_id);
}

void sqlite_store::mark_key_event(std::int64_t entry_id, bool key_event) {
  SQLite::Statement st(*db_, "UPDATE timeline SET key_event = ? WHERE id = ?");
  st.bind(1, key_event ? 1 : 0);
  st.bind(2, static_cast<std::int64_t>(entry_id));
  exec_on_entry(st, entry_id);
}

}  // namespace oncall
