// Root-cause categories of an incident (SPEC: deploy, scale, third-party, unknown until set).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace oncall {

enum class root_cause {
  unknown,      // not set yet
  deploy,       // changes in the last deployment: code or configuration
  scale,        // exists at scale: traffic, bottlenecks, limits
  third_party,  // hardware, provider, network, third-party API
};

// "unknown", "deploy", "scale", "third-party": the words chat, storage and exports use.
std::string to_string(root_cause c);
// The words above, any case; nullopt for anything else.
std::optional<root_cause> root_cause_from_string(std::string_view text);
// What the category covers, for help and replies.
std::string root_cause_meaning(root_cause c);

}  // namespace oncall
