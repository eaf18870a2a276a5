// The outbox's queries on the effects table: one lane at a time, so a storm's backlog of
// thousands of effects is never read whole, and superseding of updates that a newer one makes
// pointless (the durable outbox keeps only the newest pending update per message).
#include <SQLiteCpp/SQLiteCpp.h>

#include "bot/store/sqlite_columns.hpp"
#include "bot/store/sqlite_store.hpp"

namespace oncall {

using namespace sqlite_columns;

std::vector<effect> sqlite_store::query_effects(const std::string& where,
                                                const std::function<void(SQLite::Statement&)>& bind) {
  SQLite::Statement st(*db_,
                       "SELECT id, key, kind, channel, incident_id, payload, created_at, attempts, "
                       "subject FROM effects " + where);
  bind(st);
  std::vector<effect> out;
  while (st.executeStep()) {
    effect e;
    e.id = st.getColumn(0).getInt64();
    e.key = st.getColumn(1).getString();
    e.kind = effect_kind_from_string(st.getColumn(2).getString()).value_or(effect_kind::sync);
    e.channel = st.getColumn(3).getString();
    e.incident_id = st.getColumn(4).getInt64();
    e.payload = st.getColumn(5).getString();
    e.created_at = from_millis(st.getColumn(6).getInt64());
    e.attempts = st.getColumn(7).getInt();
    e.subject = st.getColumn(8).getString();
    out.push_back(std::move(e));
  }
  return out;
}

std::optional<effect> sqlite_store::next_pending_effect(const std::string& channel) {
  // Served by the partial index effects_lane (migration 6).
  auto found = query_effects("WHERE done_at IS NULL AND channel = ? ORDER BY id LIMIT 1",
                             [&](SQLite::Statement& st) { st.bind(1, channel); });
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<std::string> sqlite_store::pending_lanes() {
  SQLite::Statement st(*db_, "SELECT DISTINCT channel FROM effects WHERE done_at IS NULL");
  std::vector<std::string> out;
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

std::int64_t sqlite_store::count_pending_effects() {
  return db_->execAndGet("SELECT COUNT(*) FROM effects WHERE done_at IS NULL").getInt64();
}

int sqlite_store::supersede_pending(effect_kind kind, const std::string& channel,
                                    std::int64_t incident_id, const std::string& subject,
                                    time_point now) {
  SQLite::Statement st(*db_,
                       "UPDATE effects SET done_at = ? WHERE done_at IS NULL AND channel = ? AND "
                       "kind = ? AND incident_id = ? AND subject = ?");
  st.bind(1, static_cast<std::int64_t>(to_millis(now)));
  st.bind(2, channel);
  st.bind(3, to_string(kind));
  st.bind(4, static_cast<std::int64_t>(incident_id));
  st.bind(5, subject);
  return st.exec();
}

}  // namespace oncall
