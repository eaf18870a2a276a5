// Role: injected failures for Web API methods (hang, 500, 429, slow), and the requests held open
// by "hang" faults, which are released (closed unanswered) when the faults are cleared.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace chatsim {

enum class fault_mode { hang, error500, ratelimit, slow };

struct fault {
  std::string method;           // a Web API method name, or "*" for every method
  fault_mode mode = fault_mode::error500;
  std::optional<int> remaining;  // empty = unlimited
  std::chrono::milliseconds delay{0};  // for slow
  std::string channel;  // only requests about this channel (id or name); empty = any
};

std::optional<fault_mode> parse_fault_mode(std::string_view name);
std::string_view fault_mode_name(fault_mode mode);

class fault_registry {
 public:
  void add(fault f) { faults_.push_back(std::move(f)); }
  // The first fault matching `method` (and, for a fault limited to a channel, one of the
  // request's `channel_names`: its id and name), consuming one of its uses.
  std::optional<fault> take(std::string_view method,
                            const std::vector<std::string>& channel_names = {});
  void clear();  // drops every fault and releases every held request
  nlohmann::json to_json() const;

  // A held request registers how to release it; it unregisters itself when it ends.
  std::size_t hold(std::function<void()> release);
  void unhold(std::size_t id) { holds_.erase(id); }

 private:
  std::vector<fault> faults_;
  std::map<std::size_t, std::function<void()>> holds_;
  std::size_t next_hold_ = 1;
};

}  // namespace chatsim
