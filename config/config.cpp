// Lookups over a loaded configuration.
#include "config/config.hpp"

#include <algorithm>

namespace oncall {

namespace {
template <typename T>
const T* find_by_name(const std::vector<T>& items, const std::string& name) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.name == name; });
  return it == items.end() ? nullptr : &*it;
}
}  // namespace

const person* config::find_person(const std::string& name) const {
  return find_by_name(people, name);
}
const escalation_policy* config::find_policy(const std::string& name) const {
  return find_by_name(escalation_policies, name);
}
const schedule* config::find_schedule(const std::string& name) const {
  return find_by_name(schedules, name);
}

const person* config::person_by_chat_user(const std::string& chat_user) const {
  if (chat_user.empty()) return nullptr;
  const bool slack = chat.platform == chat_platform_kind::slack;
  for (const auto& p : people) {
    if ((slack ? p.slack : p.mattermost) == chat_user) return &p;
  }
  return nullptr;
}

namespace {

const route* first_matching_route(const std::vector<route>& routes, const label_map& labels) {
  for (const auto& r : routes) {
    bool all = std::all_of(r.match.begin(), r.match.end(), [&](const auto& kv) {
      auto it = labels.find(kv.first);
      return it != labels.end() && it->second == kv.second;
    });
    if (all) return &r;
  }
  return nullptr;
}

}  // namespace

std::string config::route_policy(const label_map& labels) const {
  const route* r = first_matching_route(routes, labels);
  return r ? r->policy : std::string{};
}

std::string config::route_channel(const label_map& labels) const {
  const route* r = first_matching_route(routes, labels);
  return r && !r->channel.empty() ? r->channel : chat.alerts_channel;
}

}  // namespace oncall
