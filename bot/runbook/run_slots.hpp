// A limit on runbooks running at once, so a burst of /oncall run (or a stuck runbook being
// retried) cannot fill the host with processes. A run takes a slot before it spawns and gives
// it back when its process is reaped; when none is free the run is refused, not queued, so the
// responder learns at once instead of waiting behind something unknown.
#pragma once

#include <atomic>
#include <cstddef>
#include <optional>

namespace oncall {

class run_slots {
 public:
  // Held for the length of one run; gives the slot back when destroyed. The run_slots must
  // outlive every slot taken from it.
  class slot {
   public:
    slot(slot&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
    slot& operator=(slot&&) = delete;
    slot(const slot&) = delete;
    ~slot();

   private:
    friend class run_slots;
    explicit slot(run_slots* owner) : owner_(owner) {}
    run_slots* owner_;
  };

  explicit run_slots(std::size_t limit) : limit_(limit) {}
  run_slots(const run_slots&) = delete;
  run_slots& operator=(const run_slots&) = delete;

  // A slot, or nullopt when `limit` runs hold one already.
  std::optional<slot> try_take();

  std::size_t in_use() const { return in_use_.load(); }
  std::size_t limit() const { return limit_; }

 private:
  const std::size_t limit_;
  // Atomic although the bot takes slots on its io thread only: cheap, and a test or a future
  // caller on another thread cannot break the count.
  std::atomic<std::size_t> in_use_{0};
};

}  // namespace oncall
