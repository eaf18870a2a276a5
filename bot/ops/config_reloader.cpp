#include "bot/ops/config_reloader.hpp"

#include <spdlog/spdlog.h>

#include "bot/engine/incident_engine.hpp"
#include "bot/http/server.hpp"
#include "bot/logging.hpp"
#include "config/loader.hpp"
#include "config/reload_plan.hpp"

namespace oncall {

config_reloader::config_reloader(std::string file, std::shared_ptr<const config> running,
                                 incident_engine& engine, http_server& server)
    : file_(std::move(file)), configs_{std::move(running)}, engine_(engine), server_(server) {}

bool config_reloader::reload() {
  spdlog::info("SIGHUP: reloading the config from {}", file_);
  auto loaded = load_config_file(file_);
  if (!loaded.cfg) {
    for (const auto& e : loaded.errors) {
      spdlog::error("reload refused, running on with the old config: {}", format_config_error(file_, e));
    }
    return false;
  }
  // Secrets of the file's values too: a token that waits for a restart is a secret already.
  auto secrets = config_secrets(*loaded.cfg);
  auto plan = plan_reload(running(), std::move(*loaded.cfg));
  auto kept = config_secrets(plan.effective);
  secrets.insert(secrets.end(), kept.begin(), kept.end());
  update_log_secrets(std::move(secrets));
  for (const auto& key : plan.needs_restart) spdlog::warn("reload: {}", restart_warning(key));

  auto next = std::make_shared<const config>(std::move(plan.effective));
  configs_.push_back(next);
  engine_.reload(next);
  server_.set_webhook_tokens(next->http.webhook_tokens);
  // Said before the new level applies, so that a reload to `warn` is still on record.
  spdlog::info("config reloaded from {}: {}", file_, config_summary(*next));
  apply_log_level(*next);
  return true;
}

}  // namespace oncall
