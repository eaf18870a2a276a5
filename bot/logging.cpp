// spdlog configuration. Logs go to stderr so that stdout stays free for command output.
#include "bot/logging.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <memory>

#include "bot/log_sink.hpp"

namespace oncall {

namespace {

std::shared_ptr<redacting_sink> the_sink;

}  // namespace

std::vector<std::string> config_secrets(const config& cfg) {
  std::vector<std::string> out = {cfg.chat.slack.app_token, cfg.chat.slack.bot_token,
                                  cfg.chat.slack.signing_secret, cfg.chat.mattermost.token,
                                  cfg.chat.mattermost.command_token};
  out.insert(out.end(), cfg.http.webhook_tokens.begin(), cfg.http.webhook_tokens.end());
  for (const auto& n : cfg.notifiers) {
    out.push_back(n.token);
    out.push_back(n.routing_key);
  }
  if (cfg.tracker) out.push_back(cfg.tracker->token);
  return out;
}

void setup_logging(const config& cfg) {
  the_sink = std::make_shared<redacting_sink>(cfg.log.format == "json");
  the_sink->set_secrets(config_secrets(cfg));
  auto logger = std::make_shared<spdlog::logger>("oncallbot", the_sink);
  spdlog::set_default_logger(logger);
  apply_log_level(cfg);
  spdlog::flush_on(spdlog::level::trace);
}

void apply_log_level(const config& cfg) {
  std::string level = cfg.log.level;
  if (const char* env = std::getenv("ONCALLBOT_LOG_LEVEL"); env && *env) level = env;
  auto parsed = spdlog::level::from_str(level);
  if (parsed == spdlog::level::off && level != "off") {
    spdlog::warn("ONCALLBOT_LOG_LEVEL '{}' is not one of trace, debug, info, warn, error; using info", level);
    parsed = spdlog::level::info;
  }
  spdlog::set_level(parsed);
}

void update_log_secrets(const config& cfg) { update_log_secrets(config_secrets(cfg)); }

void update_log_secrets(std::vector<std::string> secrets) {
  if (the_sink) the_sink->set_secrets(std::move(secrets));
}

}  // namespace oncall
