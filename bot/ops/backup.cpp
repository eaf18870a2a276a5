#include "bot/ops/backup.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <ostream>

#include "bot/ops/storage_lock.hpp"
#include "bot/store/migrations.hpp"
#include "bot/store/sqlite_store.hpp"

namespace oncall {

namespace {

namespace fs = std::filesystem;

// Empty when the database at `path` is sound; otherwise what SQLite found.
std::string integrity_problem(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  auto verdict = db.execAndGet("PRAGMA integrity_check").getString();
  return verdict == "ok" ? std::string{} : verdict;
}

int schema_version_of(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA user_version").getInt();
}

void copy_database(const std::string& from, const std::string& to) {
  SQLite::Database source(from, SQLite::OPEN_READONLY);
  source.setBusyTimeout(10'000);
  SQLite::Database target(to, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  SQLite::Backup backup(target, source);
  backup.executeStep();  // all pages in one step: a consistent snapshot
  // One self-contained file: in WAL mode (copied from the source) every later open, even
  // read-only, would leave -wal and -shm files beside it.
  target.exec("PRAGMA journal_mode=DELETE");
}

}  // namespace

int backup_storage(const std::string& storage_url, const std::string& out, std::ostream& err) {
  const auto path = sqlite_path(storage_url);
  if (path.empty()) {
    err << "oncallbot: backup needs SQLite storage (sqlite:PATH); " << storage_url << " is not\n";
    return 2;
  }
  if (!fs::exists(path)) {
    err << "oncallbot: storage " << path << " does not exist; run the bot once before backing it up\n";
    return 1;
  }
  const auto partial = out + ".partial";
  try {
    fs::remove(partial);
    copy_database(path, partial);
    if (auto problem = integrity_problem(partial); !problem.empty()) {
      fs::remove(partial);
      err << "oncallbot: the copy failed its integrity check (" << problem << "); the storage may be damaged\n";
      return 1;
    }
    fs::rename(partial, out);
  } catch (const std::exception& e) {
    fs::remove(partial);
    err << "oncallbot: backup to " << out << " failed: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

int restore_storage(const std::string& storage_url, const std::string& in, std::ostream& err) {
  const auto path = sqlite_path(storage_url);
  if (path.empty()) {
    err << "oncallbot: restore needs SQLite storage (sqlite:PATH); " << storage_url << " is not\n";
    return 2;
  }
  if (!fs::exists(in)) {
    err << "oncallbot: " << in << " does not exist; give the file `oncallbot backup` wrote\n";
    return 2;
  }
  try {
    if (auto problem = integrity_problem(in); !problem.empty()) {
      err << "oncallbot: " << in << " fails its integrity check (" << problem << "); nothing was restored\n";
      return 1;
    }
    const int known = static_cast<int>(sqlite_migrations().size());
    if (schema_version_of(in) > known) {
      err << "oncallbot: " << in << " is from a newer oncallbot (schema " << schema_version_of(in)
          << ", this one knows " << known << "); restore it with that version\n";
      return 1;
    }
    auto lock = storage_lock::take(storage_url);
    if (!lock) {
      err << "oncallbot: a running oncallbot holds " << path << "; stop it first, then restore\n";
      return 1;
    }
    copy_database(in, path);
    sqlite_store migrated(path);  // brings an older copy up to this version's schema
  } catch (const std::exception& e) {
    err << "oncallbot: restore from " << in << " failed: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace oncall
