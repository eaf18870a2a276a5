#include "bot/store/existing_store.hpp"

#include <filesystem>

#include "bot/store/sqlite_store.hpp"

namespace oncall {

std::unique_ptr<store> open_existing_store(const std::string& url) {
  const std::string prefix = "sqlite:";
  if (url.rfind(prefix, 0) == 0) {
    const auto file = url.substr(prefix.size());
    if (file.empty() || file == ":memory:" || !std::filesystem::exists(file)) return nullptr;
  }
  // SQLite's WAL lets a reader run beside the bot; the busy timeout waits out its commits.
  return open_store(url);
}

}  // namespace oncall
