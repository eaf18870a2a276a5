// SIGHUP: reads and validates the config file again and, only when it is valid, applies what can
// change live (config/reload_plan.hpp) to the engine, the HTTP server's webhook tokens and the
// log level, warning about each change that waits for a restart. A file that fails validation
// changes nothing: every error is logged and the bot runs on with the config it has.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/config.hpp"

namespace oncall {

class incident_engine;
class http_server;

class config_reloader {
 public:
  config_reloader(std::string file, std::shared_ptr<const config> running, incident_engine& engine,
                  http_server& server);

  // Runs on the engine thread. Returns whether the file was valid (and applied).
  bool reload();
  const config& running() const { return *configs_.back(); }

 private:
  std::string file_;
  // Every config the bot has run with, newest last. Retired ones are kept (they are small and
  // reloads rare) because a coroutine may hold a reference into one across a suspension.
  std::vector<std::shared_ptr<const config>> configs_;
  incident_engine& engine_;
  http_server& server_;
};

}  // namespace oncall
