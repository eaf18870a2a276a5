// Splits a reloaded config into what applies now and what waits for a restart.
#include "config/reload_plan.hpp"

namespace oncall {

namespace {

// Keeps the running value of `field` when the file's differs, and notes its key path.
template <typename T>
void keep_running(const T& running, T& from_file, const char* key, std::vector<std::string>& changed) {
  if (running == from_file) return;
  from_file = running;
  changed.emplace_back(key);
}

bool same_backup(const std::optional<backup_config>& a, const std::optional<backup_config>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->every == b->every && a->keep == b->keep && a->dir == b->dir);
}

}  // namespace

reload_plan plan_reload(const config& running, config from_file) {
  std::vector<std::string> changed;
  const auto& was = running;
  auto& now = from_file;
  // The chat connection is opened once with these; swapping them live would drop it.
  keep_running(was.chat.platform, now.chat.platform, "chat.platform", changed);
  keep_running(was.chat.slack.app_token, now.chat.slack.app_token, "chat.slack.app_token", changed);
  keep_running(was.chat.slack.bot_token, now.chat.slack.bot_token, "chat.slack.bot_token", changed);
  keep_running(was.chat.slack.api_url, now.chat.slack.api_url, "chat.slack.api_url", changed);
  keep_running(was.chat.slack.signing_secret, now.chat.slack.signing_secret,
               "chat.slack.signing_secret", changed);
  keep_running(was.chat.mattermost.url, now.chat.mattermost.url, "chat.mattermost.url", changed);
  keep_running(was.chat.mattermost.token, now.chat.mattermost.token, "chat.mattermost.token", changed);
  keep_running(was.chat.mattermost.team, now.chat.mattermost.team, "chat.mattermost.team", changed);
  keep_running(was.chat.mattermost.command_token, now.chat.mattermost.command_token,
               "chat.mattermost.command_token", changed);
  // The listening socket, and the button URLs already posted, are bound to these.
  keep_running(was.http.listen, now.http.listen, "http.listen", changed);
  keep_running(was.http.public_url, now.http.public_url, "http.public_url", changed);
  keep_running(was.http.max_body, now.http.max_body, "http.max_body", changed);
  // The store is open and locked; the log sink is built once.
  keep_running(was.storage.url, now.storage.url, "storage.url", changed);
  if (!same_backup(was.storage.backup, now.storage.backup)) {
    now.storage.backup = was.storage.backup;
    changed.emplace_back("storage.backup");
  }
  keep_running(was.log.format, now.log.format, "log.format", changed);
  return reload_plan{std::move(from_file), std::move(changed)};
}

std::string restart_warning(const std::string& key) {
  return key + " changed in the file; it takes effect after a restart (the running value is kept)";
}

}  // namespace oncall
