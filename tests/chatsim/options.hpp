// Role: chatsim's command-line options and their parser (pure: no I/O, no exit()).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace chatsim {

struct sim_options {
  unsigned short port = 0;  // 0 = ephemeral
  std::string port_file;    // where the chosen port is written (temp file + rename)
  std::chrono::milliseconds ack_timeout{3000};
  bool rate_limit = true;
  int burst = 3;  // chat.postMessage burst per channel (refill 1 message/s)
  std::chrono::milliseconds ping_interval{10000};  // 0 = never ping (dead-socket tests)
  std::chrono::milliseconds refresh_grace{10000};  // socket close delay after a disconnect frame
  std::string slack_bot_token = "xoxb-sim-bot";
  std::string slack_app_token = "xapp-sim-app";
  std::string mattermost_token = "mm-sim-bot-token";  // the bot user's personal access token
  bool mattermost_rate_limit = false;  // off by default, like a real server
  int mattermost_per_sec = 10;
  int mattermost_burst = 100;
};

struct parsed_options {
  std::optional<sim_options> options;  // empty on error or --help
  std::string error;                   // set on error
  bool help = false;
};

parsed_options parse_options(const std::vector<std::string>& args);
std::string usage_text();

}  // namespace chatsim
