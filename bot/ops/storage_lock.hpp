// Who holds the storage: a running bot takes an exclusive advisory lock (flock) on
// "<storage file>.lock" for its whole life, so a second bot and `oncallbot restore` can tell
// the storage is in use. The kernel drops the lock when the process dies, even by kill -9.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace oncall {

class storage_lock {
 public:
  // Takes the lock of the SQLite file behind `storage_url`; nullopt when another process holds
  // it. Storage that is not an SQLite file needs no lock: an unlocked handle is returned.
  static std::optional<storage_lock> take(const std::string& storage_url);

  storage_lock(storage_lock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  storage_lock& operator=(storage_lock&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  storage_lock(const storage_lock&) = delete;
  ~storage_lock();

 private:
  explicit storage_lock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// The file behind "sqlite:PATH", or empty for other storage.
std::string sqlite_path(const std::string& storage_url);

}  // namespace oncall
