// The log sink (bot/log_sink): secrets never reach a line, whatever the caller logged, and JSON
// lines stay valid JSON whatever the message holds.
#include <catch2/catch.hpp>
#include <spdlog/spdlog.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bot/log_sink.hpp"
#include "bot/logging.hpp"

using namespace oncall;

namespace {

struct captured_logger {
  explicit captured_logger(bool json) : sink(std::make_shared<redacting_sink>(json)), logger("test", sink) {
    sink->capture_into(&out);
    logger.set_level(spdlog::level::trace);
  }
  std::shared_ptr<redacting_sink> sink;
  spdlog::logger logger;
  std::string out;
};

}  // namespace

TEST_CASE("configured secrets are redacted from every line at every level", "[logging]") {
  captured_logger c(false);
  c.sink->set_secrets({"xoxb-123-secret-bot", "xoxb-123", "abc", ""});
  c.logger.trace("GET https://slack.com/api/auth.test?token=xoxb-123-secret-bot failed");
  c.logger.error("header was Bearer xoxb-123 and xoxb-123");
  c.logger.info("abc is too short to be a secret");
  CHECK(c.out.find("xoxb-123") == std::string::npos);
  CHECK(c.out.find("?token=[redacted] failed") != std::string::npos);
  CHECK(c.out.find("Bearer [redacted] and [redacted]") != std::string::npos);
  CHECK(c.out.find("abc is too short") != std::string::npos);
}

TEST_CASE("JSON log lines are one valid object each, with the message escaped", "[logging]") {
  captured_logger c(true);
  c.sink->set_secrets({"hook-token-42"});
  c.logger.warn("a \"quoted\"\nmulti-line message with \\ and hook-token-42 and \x01");
  std::istringstream lines(c.out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);
    CHECK(j["level"] == "warning");
    CHECK(j["message"].get<std::string>().find("[redacted]") != std::string::npos);
    CHECK(j["message"].get<std::string>().find("\"quoted\"\nmulti-line") != std::string::npos);
    CHECK(j["time"].get<std::string>().back() == 'Z');
    ++n;
  }
  CHECK(n == 1);
}

TEST_CASE("the config's secrets are all collected for redaction", "[logging]") {
  config cfg;
  cfg.chat.slack.app_token = "xapp-1";
  cfg.chat.slack.bot_token = "xoxb-2";
  cfg.chat.slack.signing_secret = "sign-3";
  cfg.chat.mattermost.token = "mm-4";
  cfg.chat.mattermost.command_token = "cmd-5";
  cfg.http.webhook_tokens = {"hook-6"};
  cfg.notifiers = {{"sms", "webhook", "https://x", "sms-7", ""}, {"pd", "pagerduty", "", "", "pd-8"}};
  tracker_config t;
  t.token = "jira-9";
  cfg.tracker = t;
  auto s = config_secrets(cfg);
  for (const char* secret : {"xapp-1", "xoxb-2", "sign-3", "mm-4", "cmd-5", "hook-6", "sms-7", "pd-8", "jira-9"}) {
    INFO(secret);
    CHECK(std::find(s.begin(), s.end(), secret) != s.end());
  }
}
