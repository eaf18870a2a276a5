// The runbook environment allow-list.
#include "bot/runbook/environment.hpp"

#include <cstdlib>

namespace oncall {

namespace {

std::string entry(std::string_view name, std::string_view value) {
  std::string out(name);
  out += '=';
  for (char c : value) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
  }
  return out;
}

}  // namespace

std::vector<std::string> scrubbed_environment(const run_identity& who, const std::string& home) {
  std::vector<std::string> env = {
      entry("PATH", runbook_search_path),       entry("LANG", "C.UTF-8"),
      entry("HOME", home.empty() ? "/" : home), entry("ONCALL_RUNBOOK", who.runbook),
      entry("ONCALL_USER", who.user),
  };
  if (!who.incident_id.empty()) env.push_back(entry("ONCALL_INCIDENT_ID", who.incident_id));
  return env;
}

std::string default_runbook_home() {
  const char* home = std::getenv("HOME");
  return home && *home ? home : "/";
}

}  // namespace oncall
