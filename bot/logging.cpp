// spdlog configuration. Logs go to stderr so that stdout stays free for command output.
#include "bot/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>

namespace oncall {

void setup_logging(const log_config& cfg) {
  std::string level = cfg.level;
  if (const char* env = std::getenv("ONCALLBOT_LOG_LEVEL"); env && *env) level = env;
  auto logger = spdlog::stderr_logger_mt("oncallbot");
  spdlog::set_default_logger(logger);
  auto parsed = spdlog::level::from_str(level);
  if (parsed == spdlog::level::off && level != "off") {
    spdlog::warn("ONCALLBOT_LOG_LEVEL '{}' is not one of trace, debug, info, warn, error; using info", level);
    parsed = spdlog::level::info;
  }
  spdlog::set_level(parsed);
  if (cfg.format == "json") {
    spdlog::set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","message":"%v"})",
                        spdlog::pattern_time_type::utc);
  } else {
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  }
  spdlog::flush_on(spdlog::level::info);
}

}  // namespace oncall
