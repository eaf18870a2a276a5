// Log set-up: level from the config or ONCALLBOT_LOG_LEVEL, text or JSON lines on stderr, and
// the config's secrets redacted from every line.
#pragma once

#include <string>
#include <vector>

#include "config/config.hpp"

namespace oncall {

void setup_logging(const config& cfg);
// After a reload: the secrets of the new config.
void update_log_secrets(const config& cfg);
// Every token, signing secret and key the config holds.
std::vector<std::string> config_secrets(const config& cfg);

}  // namespace oncall
