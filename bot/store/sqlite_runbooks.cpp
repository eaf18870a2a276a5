// SQLite storage of runbook runs (bot/core/runbook_run.hpp): the run record the runbook service
// carries out, and the audit log `oncallbot audit` reads. argv and params are JSON columns.
#include <SQLiteCpp/SQLiteCpp.h>

#include <nlohmann/json.hpp>

#include "bot/store/sqlite_store.hpp"
#include "bot/store/sqlite_columns.hpp"

namespace oncall {

namespace {

using namespace sqlite_columns;

// The audit log keeps at most this much of a run's (already capped) output.
constexpr std::size_t stored_output_limit = 64 * 1024;

const char* run_columns =
    "id, runbook, argv, params, requested_by, incident_id, channel, state, requested_at, "
    "expires_at, started_at, ended_at, exit_code, signal, timed_out, output_bytes, output, error";

std::optional<int> optional_int(SQLite::Column c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt();
}

void bind_optional_int(SQLite::Statement& st, int index, const std::optional<int>& v) {
  if (v) {
    st.bind(index, *v);
  } else {
    st.bind(index);
  }
}

std::string params_to_json(const std::vector<std::pair<std::string, std::string>>& params) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [k, v] : params) j[k] = v;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::pair<std::string, std::string>> params_from_json(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  auto j = nlohmann::ordered_json::parse(text, nullptr, false);
  if (!j.is_object()) return out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.value().is_string()) out.emplace_back(it.key(), it.value().get<std::string>());
  }
  return out;
}

std::vector<std::string> argv_from_json(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& v : j) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

// Keeps the stored output under the limit, cut at a UTF-8 character boundary.
std::string stored_output(const std::string& output) {
  if (output.size() <= stored_output_limit) return output;
  std::size_t cut = stored_output_limit;
  while (cut > 0 && (static_cast<unsigned char>(output[cut]) & 0xC0) == 0x80) --cut;
  return output.substr(0, cut) + "\n[… " + std::to_string(output.size() - cut) +
         " more bytes not kept in the audit log …]";
}

// Binds every column but id, in run_columns order, from index 1.
void bind_run(SQLite::Statement& st, const runbook_run& r) {
  st.bind(1, r.runbook);
  st.bind(2, nlohmann::json(r.argv).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  st.bind(3, params_to_json(r.params));
  st.bind(4, r.requested_by);
  st.bind(5, static_cast<std::int64_t>(r.incident_id));
  st.bind(6, r.channel);
  st.bind(7, r.state);
  st.bind(8, static_cast<std::int64_t>(to_millis(r.requested_at)));
  bind_optional_time(st, 9, r.expires_at);
  bind_optional_time(st, 10, r.started_at);
  bind_optional_time(st, 11, r.ended_at);
  bind_optional_int(st, 12, r.exit_code);
  bind_optional_int(st, 13, r.signal);
  st.bind(14, r.timed_out ? 1 : 0);
  st.bind(15, static_cast<std::int64_t>(r.output_bytes));
  st.bind(16, stored_output(r.output));
  st.bind(17, r.error);
}

runbook_run read_run(SQLite::Statement& q) {
  runbook_run r;
  r.id = q.getColumn(0).getInt64();
  r.runbook = q.getColumn(1).getString();
  r.argv = argv_from_json(q.getColumn(2).getString());
  r.params = params_from_json(q.getColumn(3).getString());
  r.requested_by = q.getColumn(4).getString();
  r.incident_id = q.getColumn(5).getInt64();
  r.channel = q.getColumn(6).getString();
  r.state = q.getColumn(7).getString();
  r.requested_at = from_millis(q.getColumn(8).getInt64());
  r.expires_at = optional_time(q.getColumn(9));
  r.started_at = optional_time(q.getColumn(10));
  r.ended_at = optional_time(q.getColumn(11));
  r.exit_code = optional_int(q.getColumn(12));
  r.signal = optional_int(q.getColumn(13));
  r.timed_out = q.getColumn(14).getInt() != 0;
  r.output_bytes = q.getColumn(15).getInt64();
  r.output = q.getColumn(16).getString();
  r.error = q.getColumn(17).getString();
  return r;
}

}  // namespace

std::int64_t sqlite_store::insert_runbook_run(const runbook_run& r) {
  SQLite::Statement st(*db_,
                       "INSERT INTO runbook_runs (runbook, argv, params, requested_by, "
                       "incident_id, channel, state, requested_at, expires_at, started_at, "
                       "ended_at, exit_code, signal, timed_out, output_bytes, output, error) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  bind_run(st, r);
  st.exec();
  return db_->getLastInsertRowid();
}

void sqlite_store::update_runbook_run(const runbook_run& r) {
  SQLite::Statement st(*db_,
                       "UPDATE runbook_runs SET runbook=?, argv=?, params=?, requested_by=?, "
                       "incident_id=?, channel=?, state=?, requested_at=?, expires_at=?, "
                       "started_at=?, ended_at=?, exit_code=?, signal=?, timed_out=?, "
                       "output_bytes=?, output=?, error=? WHERE id=?");
  bind_run(st, r);
  st.bind(18, static_cast<std::int64_t>(r.id));
  st.exec();
}

std::vector<runbook_run> sqlite_store::query_runbook_runs(
    const std::string& where, const std::function<void(SQLite::Statement&)>& bind) {
  SQLite::Statement q(*db_, std::string("SELECT ") + run_columns + " FROM runbook_runs " + where);
  bind(q);
  std::vector<runbook_run> out;
  while (q.executeStep()) out.push_back(read_run(q));
  return out;
}

std::optional<runbook_run> sqlite_store::find_runbook_run(std::int64_t id) {
  auto runs = query_runbook_runs("WHERE id = ?", [&](auto& st) { st.bind(1, static_cast<std::int64_t>(id)); });
  if (runs.empty()) return std::nullopt;
  return runs.front();
}

std::vector<runbook_run> sqlite_store::runbook_runs_in_state(const std::string& state) {
  return query_runbook_runs("WHERE state = ? ORDER BY id", [&](auto& st) { st.bind(1, state); });
}

std::vector<runbook_run> sqlite_store::runbook_runs(std::optional<std::int64_t> incident_id) {
  if (!incident_id) return query_runbook_runs("ORDER BY id", [](auto&) {});
  return query_runbook_runs("WHERE incident_id = ? ORDER BY id",
                            [&](auto& st) { st.bind(1, static_cast<std::int64_t>(*incident_id)); });
}

}  // namespace oncall
