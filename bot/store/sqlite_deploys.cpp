// SQLite storage of deploy events (bot/core/deploy.hpp).
#include <SQLiteCpp/SQLiteCpp.h>

#include "bot/store/sqlite_columns.hpp"
#include "bot/store/sqlite_store.hpp"

namespace oncall {

using namespace sqlite_columns;

std::int64_t sqlite_store::insert_deploy(const deploy& d) {
  SQLite::Statement st(*db_,
                       "INSERT INTO deploys (service, version, commit_id, author, url, at) "
                       "VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(1, d.service);
  st.bind(2, d.version);
  st.bind(3, d.commit);
  st.bind(4, d.author);
  st.bind(5, d.url);
  st.bind(6, millis(d.at));
  st.exec();
  return db_->getLastInsertRowid();
}

std::vector<deploy> sqlite_store::deploys_between(const std::string& service, time_point from,
                                                  time_point to) {
  SQLite::Statement q(*db_,
                      "SELECT id, service, version, commit_id, author, url, at FROM deploys "
                      "WHERE service = ? AND at >= ? AND at < ? ORDER BY at, id");
  q.bind(1, service);
  q.bind(2, millis(from));
  q.bind(3, millis(to));
  std::vector<deploy> out;
  while (q.executeStep()) {
    deploy d;
    d.id = q.getColumn(0).getInt64();
    d.service = q.getColumn(1).getString();
    d.version = q.getColumn(2).getString();
    d.commit = q.getColumn(3).getString();
    d.author = q.getColumn(4).getString();
    d.url = q.getColumn(5).getString();
    d.at = from_millis(q.getColumn(6).getInt64());
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace oncall
