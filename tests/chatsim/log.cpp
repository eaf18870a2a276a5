// Role: writes timestamped diagnostic lines to stderr.
#include "log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace chatsim {

void log_line(std::string_view text) {
  using namespace std::chrono;
  auto now = system_clock::now();
  std::time_t seconds = system_clock::to_time_t(now);
  auto millis = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  std::fprintf(stderr, "chatsim %02d:%02d:%02d.%03lld %.*s\n", tm.tm_hour, tm.tm_min, tm.tm_sec,
               static_cast<long long>(millis), static_cast<int>(text.size()), text.data());
}

}  // namespace chatsim
