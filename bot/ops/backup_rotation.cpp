#include "bot/ops/backup_rotation.hpp"

#include <algorithm>
#include <cctype>
#include <date/date.h>

namespace oncall {

namespace {

constexpr std::string_view prefix = "oncallbot-";
constexpr std::string_view suffix = ".db";

}  // namespace

std::string backup_file_name(time_point taken_at) {
  auto seconds = std::chrono::floor<std::chrono::seconds>(taken_at);
  return std::string(prefix) + date::format("%Y%m%dT%H%M%SZ", seconds) + std::string(suffix);
}

bool is_backup_file_name(const std::string& name) {
  if (!name.starts_with(prefix) || !name.ends_with(suffix)) return false;
  auto stamp = std::string_view(name).substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  constexpr std::string_view shape = "ddddddddTddddddZ";
  if (stamp.size() != shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(stamp[i])) != 0;
    if (shape[i] == 'd' ? !digit : stamp[i] != shape[i]) return false;
  }
  return true;
}

std::vector<std::string> backups_to_remove(std::vector<std::string> names, int keep) {
  std::erase_if(names, [](const std::string& n) { return !is_backup_file_name(n); });
  std::sort(names.begin(), names.end(), std::greater<>());  // newest first
  if (keep < 0 || names.size() <= static_cast<std::size_t>(keep)) return {};
  return {names.begin() + keep, names.end()};
}

}  // namespace oncall
