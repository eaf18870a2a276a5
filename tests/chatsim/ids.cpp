// Role: implementation of id_source; a counter is mixed into event ids so they never repeat.
#include "ids.hpp"

namespace chatsim {
namespace {

constexpr std::string_view upper_alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
constexpr std::string_view mixed_alnum =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view hex_digits = "0123456789abcdef";
constexpr std::string_view base36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

}  // namespace

id_source::id_source() : rng_(std::random_device{}()) {}

std::string id_source::random_chars(std::size_t length, std::string_view alphabet) {
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string out;
  for (std::size_t i = 0; i < length; ++i) out += alphabet[pick(rng_)];
  return out;
}

std::string id_source::uuid() {
  std::string hex = random_chars(32, hex_digits);
  hex[12] = '4';                                  // version 4
  hex[16] = hex_digits[8 + (hex[16] % 4)];        // variant 10xx
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string id_source::event_id() {
  // Four random characters, then the counter in base 36: unique, and looks like "Ev01F66ATNKV".
  std::string tail;
  for (std::uint64_t n = ++counter_; tail.size() < 6; n /= 36) {
    tail.insert(tail.begin(), base36[n % 36]);
  }
  return "Ev" + random_chars(4, upper_alnum) + tail;
}

std::string id_source::trigger_id() {
  return random_chars(10, "0123456789") + "." + random_chars(12, "0123456789") + "." +
         random_chars(32, hex_digits);
}

std::string id_source::short_id(std::size_t length) { return random_chars(length, mixed_alnum); }

}  // namespace chatsim
