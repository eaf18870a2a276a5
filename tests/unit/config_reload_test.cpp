// What a SIGHUP reload applies at once and what it keeps for a restart (config/reload_plan).
#include <catch2/catch.hpp>

#include "config/reload_plan.hpp"

namespace {

oncall::config running_config() {
  oncall::config c;
  c.chat.alerts_channel = "alerts";
  c.chat.slack.bot_token = "xoxb-old";
  c.http.listen = "127.0.0.1:8080";
  c.http.webhook_tokens = {"old-token"};
  c.storage.url = "sqlite:old.db";
  c.log.level = "info";
  c.people.push_back({"alice"});
  return c;
}

}  // namespace

TEST_CASE("a reload applies people, policies, tokens and the log level at once", "[unit][reload]") {
  auto next = running_config();
  next.people.push_back({"dave"});
  next.escalation_policies.push_back({"database", {}, 0});
  next.http.webhook_tokens = {"new-token"};
  next.log.level = "debug";
  next.chat.alerts_channel = "pages";
  auto plan = oncall::plan_reload(running_config(), next);
  CHECK(plan.needs_restart.empty());
  CHECK(plan.effective.people.size() == 2);
  CHECK(plan.effective.find_policy("database"));
  CHECK(plan.effective.http.webhook_tokens == std::vector<std::string>{"new-token"});
  CHECK(plan.effective.log.level == "debug");
  CHECK(plan.effective.chat.alerts_channel == "pages");
}

TEST_CASE("a reload keeps the running chat, listen address and storage and names each", "[unit][reload]") {
  auto next = running_config();
  next.chat.platform = oncall::chat_platform_kind::mattermost;
  next.chat.slack.bot_token = "xoxb-new";
  next.http.listen = "0.0.0.0:9090";
  next.storage.url = "sqlite:new.db";
  next.storage.backup = oncall::backup_config{std::chrono::hours(6), 14, "backups/"};
  next.log.format = "json";
  next.people.push_back({"dave"});
  auto plan = oncall::plan_reload(running_config(), next);
  CHECK(plan.needs_restart == std::vector<std::string>{"chat.platform", "chat.slack.bot_token", "http.listen",
                                                       "storage.url", "storage.backup", "log.format"});
  CHECK(plan.effective.chat.platform == oncall::chat_platform_kind::slack);
  CHECK(plan.effective.chat.slack.bot_token == "xoxb-old");
  CHECK(plan.effective.http.listen == "127.0.0.1:8080");
  CHECK(plan.effective.storage.url == "sqlite:old.db");
  CHECK_FALSE(plan.effective.storage.backup);
  CHECK(plan.effective.log.format == "text");
  CHECK(plan.effective.people.size() == 2);  // the live part still applies
}

TEST_CASE("a restart warning names the key but never its value", "[unit][reload]") {
  auto text = oncall::restart_warning("chat.slack.bot_token");
  CHECK(text == "chat.slack.bot_token changed in the file; it takes effect after a restart (the running value is kept)");
}
