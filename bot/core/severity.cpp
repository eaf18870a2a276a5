// Mapping of source severities to oncallbot's 1–4 scale.
#include "bot/core/severity.hpp"

#include <algorithm>
#include <cctype>

namespace oncall {

std::optional<int> parse_severity(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "critical" || lower == "1" || lower == "sev1") return 1;
  if (lower == "error" || lower == "2" || lower == "sev2") return 2;
  if (lower == "warning" || lower == "3" || lower == "sev3") return 3;
  if (lower == "info" || lower == "4" || lower == "sev4") return 4;
  return std::nullopt;
}

std::string severity_label(int severity) { return "SEV" + std::to_string(severity); }

}  // namespace oncall
