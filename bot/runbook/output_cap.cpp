// Head + ring-buffer tail for runbook output.
#include "bot/runbook/output_cap.hpp"

#include <algorithm>
#include <cstdio>

namespace oncall {

namespace {

bool continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Length of `head` without a multi-byte character that the cut split in two.
std::size_t whole_characters_prefix(std::string_view head) {
  std::size_t back = 0;
  while (back < 3 && back < head.size() && continuation(head[head.size() - 1 - back])) ++back;
  if (back == head.size()) return head.size();
  const auto lead = static_cast<unsigned char>(head[head.size() - 1 - back]);
  const std::size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return need > back + 1 ? head.size() - back - 1 : head.size();
}

// Offset of the first byte in `tail` that starts a character.
std::size_t first_character_start(std::string_view tail) {
  std::size_t skip = 0;
  while (skip < 3 && skip < tail.size() && continuation(tail[skip])) ++skip;
  return skip;
}

}  // namespace

capped_output::capped_output(std::size_t head_limit, std::size_t tail_limit)
    : head_limit_(head_limit), ring_(tail_limit) {}

void capped_output::append(std::string_view bytes) {
  total_ += bytes.size();
  const std::size_t to_head = std::min(bytes.size(), head_limit_ - head_.size());
  head_.append(bytes.substr(0, to_head));
  bytes.remove_prefix(to_head);
  const std::size_t cap = ring_.size();
  if (bytes.empty() || cap == 0) return;
  // Only the last `cap` bytes of this chunk can survive in the tail.
  if (bytes.size() > cap) bytes.remove_prefix(bytes.size() - cap);
  // Up to two copies: to the end of the ring, then from its start.
  const std::size_t first = std::min(bytes.size(), cap - ring_next_);
  std::copy_n(bytes.data(), first, ring_.data() + ring_next_);
  std::copy_n(bytes.data() + first, bytes.size() - first, ring_.data());
  ring_next_ = (ring_next_ + bytes.size()) % cap;
  tail_used_ = std::min(cap, tail_used_ + bytes.size());
}

std::string capped_output::tail() const {
  if (tail_used_ < ring_.size()) return std::string(ring_.data(), tail_used_);
  std::string out(ring_.begin() + static_cast<long>(ring_next_), ring_.end());
  out.append(ring_.begin(), ring_.begin() + static_cast<long>(ring_next_));
  return out;
}

std::string capped_output::text() const {
  if (cut_bytes() == 0) return head_ + tail();
  const std::string all_tail = tail();
  const std::size_t head_kept = whole_characters_prefix(head_);
  const std::size_t tail_skip = first_character_start(all_tail);
  const std::uint64_t gap = cut_bytes() + (head_.size() - head_kept) + tail_skip;
  std::string out = head_.substr(0, head_kept);
  if (!out.empty() && out.back() != '\n') out += '\n';
  // The exact count too when the readable one is rounded, so a reader can check it.
  const std::string exact = gap >= 1024 ? " (" + std::to_string(gap) + " bytes)" : "";
  out += "[… " + human_bytes(gap) + " of output cut" + exact + "; showing the first " +
         human_bytes(head_kept) + " and the last " + human_bytes(all_tail.size() - tail_skip) +
         " …]\n";
  out.append(all_tail, tail_skip);
  return out;
}

std::string human_bytes(std::uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  const char* units[] = {"KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes) / 1024;
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(units)) {
    value /= 1024;
    ++unit;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %s", value, units[unit]);
  return buf;
}

}  // namespace oncall
