// The counter behind run_slots.
#include "bot/runbook/run_slots.hpp"

namespace oncall {

run_slots::slot::~slot() {
  if (owner_) owner_->in_use_.fetch_sub(1);
}

std::optional<run_slots::slot> run_slots::try_take() {
  std::size_t now = in_use_.load();
  do {
    if (now >= limit_) return std::nullopt;
  } while (!in_use_.compare_exchange_weak(now, now + 1));
  return slot(this);
}

}  // namespace oncall
