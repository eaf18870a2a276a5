#include "bot/core/deploy.hpp"

namespace oncall {

std::string incident_service(const incident& inc, const std::vector<alert>& alerts) {
  if (auto it = inc.labels.find("service"); it != inc.labels.end() && !it->second.empty()) {
    return it->second;
  }
  for (const auto& a : alerts) {
    if (auto it = a.labels.find("service"); it != a.labels.end() && !it->second.empty()) {
      return it->second;
    }
  }
  return {};
}

}  // namespace oncall
