// A runbook's merged stdout/stderr, kept within a fixed budget: the first `head_limit` bytes
// and the last `tail_limit` bytes, with a count of everything in between. A runbook that
// prints 50 MB costs the bot head_limit + tail_limit bytes, not 50 MB.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace oncall {

class capped_output {
 public:
  static constexpr std::size_t default_limit = 64 * 1024;

  explicit capped_output(std::size_t head_limit = default_limit,
                         std::size_t tail_limit = default_limit);

  void append(std::string_view bytes);

  std::uint64_t total_bytes() const { return total_; }
  // Bytes that are in neither the head nor the tail.
  std::uint64_t cut_bytes() const { return total_ - head_.size() - tail_used_; }
  // Bytes held now; never more than head_limit + tail_limit.
  std::size_t kept_bytes() const { return head_.size() + tail_used_; }

  // The head, then (when something was cut) a line saying how much, then the tail. Cut points
  // are moved to character boundaries so the text stays valid UTF-8 where the output was.
  std::string text() const;

 private:
  std::string tail() const;

  std::size_t head_limit_;
  std::string head_;
  std::vector<char> ring_;  // the tail, as a ring buffer of tail_limit bytes
  std::size_t ring_next_ = 0;
  std::size_t tail_used_ = 0;
  std::uint64_t total_ = 0;
};

// "512 bytes", "64.0 KB", "49.9 MB" (binary units, as the config's sizes).
std::string human_bytes(std::uint64_t bytes);

}  // namespace oncall
