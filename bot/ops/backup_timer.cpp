#include "bot/ops/backup_timer.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <date/date.h>
#include <filesystem>
#include <sstream>

#include "bot/ops/backup.hpp"
#include "bot/ops/backup_rotation.hpp"

namespace oncall {

namespace asio = boost::asio;
namespace fs = std::filesystem;

namespace {

// The time in a name backup_file_name wrote; nullopt for anything else.
std::optional<time_point> taken_at(const std::string& name) {
  if (!is_backup_file_name(name)) return std::nullopt;
  std::istringstream in(name.substr(std::string("oncallbot-").size()));
  date::sys_seconds t;
  in >> date::parse("%Y%m%dT%H%M%SZ", t);
  if (in.fail()) return std::nullopt;
  return std::chrono::time_point_cast<duration>(t);
}

time_point wall_now() { return std::chrono::time_point_cast<duration>(std::chrono::system_clock::now()); }

}  // namespace

time_point next_backup_due(const std::vector<std::string>& names, duration every, time_point now) {
  std::optional<time_point> newest;
  for (const auto& n : names) {
    auto t = taken_at(n);
    if (t && (!newest || *t > *newest)) newest = t;
  }
  // A newest backup "from the future" (a clock set back) must not stop backups for long.
  if (!newest || *newest > now) return now;
  return *newest + every;
}

backup_timer::backup_timer(std::string storage_url, backup_config cfg)
    : storage_url_(std::move(storage_url)), cfg_(std::move(cfg)) {}

backup_timer::~backup_timer() { worker_.join(); }  // a backup under way finishes first

std::vector<std::string> backup_timer::existing_names() const {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(cfg_.dir, ec)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

std::string backup_timer::take_backup(time_point now) {
  std::error_code ec;
  fs::create_directories(cfg_.dir, ec);
  if (ec) return "cannot create " + cfg_.dir + ": " + ec.message();
  const auto out = (fs::path(cfg_.dir) / backup_file_name(now)).string();
  std::ostringstream err;
  if (backup_storage(storage_url_, out, err) != 0) return err.str();
  const auto size = fs::file_size(out, ec);
  int removed = 0;
  for (const auto& old : backups_to_remove(existing_names(), cfg_.keep)) {
    if (fs::remove(fs::path(cfg_.dir) / old, ec)) {
      ++removed;
    } else if (ec) {
      spdlog::warn("backup: could not remove the old backup {}: {}", old, ec.message());
    }
  }
  spdlog::info("backup: wrote {} ({} bytes); removed {} old backup(s), keeping the newest {}", out, size,
               removed, cfg_.keep);
  return {};
}

asio::awaitable<void> backup_timer::run(const bool& stopping) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  spdlog::info("backup: every {} into {}, keeping the newest {}", format_duration(cfg_.every), cfg_.dir,
               cfg_.keep);
  auto due = next_backup_due(existing_names(), cfg_.every, wall_now());
  while (!stopping) {
    if (const auto now = wall_now(); due > now) {
      timer.expires_after(due - now);
      co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    const auto now = wall_now();
    due = now + cfg_.every;  // also after a failure: a broken disk is not hammered
    auto error = co_await asio::co_spawn(
        worker_, [this, now]() -> asio::awaitable<std::string> { co_return take_backup(now); },
        asio::use_awaitable);
    if (error.empty()) {
      last_success_ = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
      continue;
    }
    while (!error.empty() && error.back() == '\n') error.pop_back();
    spdlog::error("backup: failed, trying again in {}: {}", format_duration(cfg_.every), error);
  }
}

}  // namespace oncall
