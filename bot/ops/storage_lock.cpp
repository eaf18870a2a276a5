#include "bot/ops/storage_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <stdexcept>

namespace oncall {

std::string sqlite_path(const std::string& storage_url) {
  const std::string prefix = "sqlite:";
  if (storage_url.rfind(prefix, 0) != 0) return {};
  auto path = storage_url.substr(prefix.size());
  return path == ":memory:" ? std::string{} : path;
}

std::optional<storage_lock> storage_lock::take(const std::string& storage_url) {
  const auto path = sqlite_path(storage_url);
  if (path.empty()) return storage_lock(-1);
  const auto lock_path = path + ".lock";
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw std::runtime_error("cannot open the lock file " + lock_path +
                             "; check that the storage's directory is writable");
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return std::nullopt;
  }
  return storage_lock(fd);
}

storage_lock::~storage_lock() {
  if (fd_ >= 0) ::close(fd_);  // closing drops the flock
}

}  // namespace oncall
