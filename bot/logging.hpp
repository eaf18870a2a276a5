// Log set-up: level from the config or ONCALLBOT_LOG_LEVEL, text or JSON lines on stderr, and
// the config's secrets redacted from every line.
#pragma once

#include <string>
#include <vector>

#include "config/config.hpp"

namespace oncall {

void setup_logging(const config& cfg);
// After a reload: the level (ONCALLBOT_LOG_LEVEL still wins over log.level) and the secrets of
// the new config; the list form for secrets from more than one config.
void apply_log_level(const config& cfg);
void update_log_secrets(const config& cfg);
void update_log_secrets(std::vector<std::string> secrets);
// Every token, signing secret and key the config holds.
std::vector<std::string> config_secrets(const config& cfg);

}  // namespace oncall
