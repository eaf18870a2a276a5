// Scheduled backups (storage.backup): every `every`, an online copy of the storage taken with
// the same code as `oncallbot backup`, on a worker thread of its own (a copy of a large store
// may take a while and must never hold up the engine), named by its UTC time and rotated to the
// newest `keep`. Each backup and each failure is logged; the time of the last success is kept
// for GET /metrics.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/time.hpp"
#include "config/config.hpp"

namespace oncall {

// When the next backup is due: `every` after the newest existing one (by its name), so a
// restart neither skips nor doubles one; now when there is none yet.
time_point next_backup_due(const std::vector<std::string>& names, duration every, time_point now);

class backup_timer {
 public:
  backup_timer(std::string storage_url, backup_config cfg);
  ~backup_timer();

  // Takes backups when due until `stopping` is set. Runs on the engine's io thread.
  boost::asio::awaitable<void> run(const bool& stopping);
  // Unix seconds of the last backup that succeeded; 0 before the first.
  std::int64_t last_success() const { return last_success_; }

 private:
  // On the worker thread: one backup and the rotation after it; the error text, or empty.
  std::string take_backup(time_point now);
  std::vector<std::string> existing_names() const;

  std::string storage_url_;
  backup_config cfg_;
  boost::asio::thread_pool worker_{1};
  std::int64_t last_success_ = 0;
};

}  // namespace oncall
