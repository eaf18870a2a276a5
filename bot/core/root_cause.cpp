// Root-cause categories: their names and what each covers.
#include "bot/core/root_cause.hpp"

#include <algorithm>
#include <cctype>

namespace oncall {

std::string to_string(root_cause c) {
  switch (c) {
    case root_cause::unknown:
      return "unknown";
    case root_cause::deploy:
      return "deploy";
    case root_cause::scale:
      return "scale";
    case root_cause::third_party:
      return "third-party";
  }
  return "unknown";
}

std::optional<root_cause> root_cause_from_string(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (auto c :
       {root_cause::unknown, root_cause::deploy, root_cause::scale, root_cause::third_party}) {
    if (lower == to_string(c)) return c;
  }
  return std::nullopt;
}

std::string root_cause_meaning(root_cause c) {
  switch (c) {
    case root_cause::unknown:
      return "not known yet";
    case root_cause::deploy:
      return "changes in the last deployment: code or configuration";
    case root_cause::scale:
      return "exists at scale: traffic, bottlenecks, limits";
    case root_cause::third_party:
      return "hardware, provider, network, third-party API";
  }
  return "";
}

}  // namespace oncall
