// Log set-up: level from the config or ONCALLBOT_LOG_LEVEL, text or JSON lines on stderr.
#pragma once

#include "config/config.hpp"

namespace oncall {

void setup_logging(const log_config& cfg);

}  // namespace oncall
