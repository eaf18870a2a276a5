// Severity: 1 is the worst, 4 the mildest (SPEC §4).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace oncall {

inline constexpr int default_severity = 3;

// "critical" → 1, "error" → 2, "warning" → 3, "info" → 4, also "1".."4" and "sev1".."sev4";
// nullopt for anything else.
std::optional<int> parse_severity(std::string_view text);
// "SEV1" … "SEV4".
std::string severity_label(int severity);

}  // namespace oncall
