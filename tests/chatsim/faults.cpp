// Role: implementation of the fault registry.
#include "faults.hpp"

#include <algorithm>
#include <array>

namespace chatsim {
namespace {

constexpr std::array<std::pair<std::string_view, fault_mode>, 4> mode_names{{
    {"hang", fault_mode::hang},
    {"error500", fault_mode::error500},
    {"ratelimit", fault_mode::ratelimit},
    {"slow", fault_mode::slow},
}};

}  // namespace

std::optional<fault_mode> parse_fault_mode(std::string_view name) {
  for (auto [text, mode] : mode_names) {
    if (text == name) return mode;
  }
  return std::nullopt;
}

std::string_view fault_mode_name(fault_mode mode) {
  for (auto [text, m] : mode_names) {
    if (m == mode) return text;
  }
  return "?";
}

std::optional<fault> fault_registry::take(std::string_view method,
                                          const std::vector<std::string>& channel_names) {
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (it->method != method && it->method != "*") continue;
    if (!it->channel.empty() &&
        std::find(channel_names.begin(), channel_names.end(), it->channel) == channel_names.end()) {
      continue;
    }
    fault taken = *it;
    if (it->remaining && --*it->remaining <= 0) faults_.erase(it);
    return taken;
  }
  return std::nullopt;
}

void fault_registry::clear() {
  faults_.clear();
  // Release after swapping out: a release may end a request, which then calls unhold().
  auto holds = std::move(holds_);
  holds_.clear();
  for (auto& [id, release] : holds) release();
}

nlohmann::json fault_registry::to_json() const {
  auto list = nlohmann::json::array();
  for (const auto& f : faults_) {
    nlohmann::json item{{"method", f.method},
                        {"mode", fault_mode_name(f.mode)},
                        {"delay_ms", f.delay.count()},
                        {"channel", f.channel}};
    item["count"] = f.remaining ? nlohmann::json(*f.remaining) : nlohmann::json(nullptr);
    list.push_back(std::move(item));
  }
  return {{"faults", list}, {"held_requests", holds_.size()}};
}

std::size_t fault_registry::hold(std::function<void()> release) {
  std::size_t id = next_hold_++;
  holds_.emplace(id, std::move(release));
  return id;
}

}  // namespace chatsim
