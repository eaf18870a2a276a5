// Role: the identifiers chatsim hands out (envelope UUIDs, event ids, trigger ids, block ids),
// random enough to look real and unique within one run.
#pragma once

#include <cstdint>
#include <random>
#include <string>

namespace chatsim {

class id_source {
 public:
  id_source();

  std::string uuid();                       // "3f2a…-…", RFC 4122 version 4 layout
  std::string event_id();                   // "Ev" + 10 upper-case letters/digits
  std::string trigger_id();                 // "1234567890.123456789012.<32 hex>"
  std::string short_id(std::size_t length);  // letters and digits, e.g. generated block ids

 private:
  std::string random_chars(std::size_t length, std::string_view alphabet);

  std::mt19937_64 rng_;
  std::uint64_t counter_ = 0;
};

}  // namespace chatsim
