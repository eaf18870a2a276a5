// Channel names for dedicated incident rooms.
#include "bot/core/room_name.hpp"

#include <cctype>

namespace oncall {

namespace {

// Cuts to `limit` characters, then drops trailing separators (names end in a letter or digit).
std::string fit(std::string name, std::size_t limit) {
  if (name.size() > limit) name.resize(limit);
  while (!name.empty() && name.back() == '-') name.pop_back();
  return name;
}

}  // namespace

std::string incident_room_name(std::int64_t id, const std::string& title) {
  std::string name = "inc-" + std::to_string(id);
  std::string slug;
  bool gap = false;
  for (unsigned char c : title) {
    if (std::isalnum(c) && c < 0x80) {
      if (gap && !slug.empty()) slug += '-';
      slug += static_cast<char>(std::tolower(c));
      gap = false;
    } else {
      gap = true;  // spaces, punctuation and non-ASCII letters all separate words
    }
  }
  if (slug.empty()) return name;
  return fit(name + "-" + slug, max_room_name_length);
}

std::string incident_room_name_retry(const std::string& name, int attempt) {
  const std::string suffix = "-" + std::to_string(attempt + 1);
  return fit(name, max_room_name_length - suffix.size()) + suffix;
}

}  // namespace oncall
