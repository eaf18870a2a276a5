// What a SIGHUP reload may change in a running bot. Schedules, policies, routes, people,
// notifiers, runbooks, the tracker, postmortems, the alerts channel, webhook tokens and the log
// level change live; the connections and files the bot holds open (chat platform and its
// tokens and URLs, http.listen, public_url and max_body, storage, log format) only change at
// a restart. plan_reload keeps the running values of those and names each one that differs,
// so nothing is ever half-applied.
#pragma once

#include <string>
#include <vector>

#include "config/config.hpp"

namespace oncall {

struct reload_plan {
  config effective;                        // the file's config with restart-only values kept
  std::vector<std::string> needs_restart;  // key paths that changed but wait for a restart
};

reload_plan plan_reload(const config& running, config from_file);

// "http.listen changed in the file; it takes effect after a restart (the running value is
// kept)" — never the values, as some of them are secrets.
std::string restart_warning(const std::string& key);

}  // namespace oncall
