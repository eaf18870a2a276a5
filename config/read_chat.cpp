// The chat section: which platform, its credentials, and where pages are announced.
#include "config/sections.hpp"

namespace oncall {

namespace {

constexpr std::string_view chat_keys[] = {"platform", "alerts_channel", "incident_rooms", "slack",
                                          "mattermost"};
constexpr std::string_view slack_keys[] = {"app_token", "bot_token", "api_url", "signing_secret"};
constexpr std::string_view mattermost_keys[] = {"url", "token", "team", "command_token"};
constexpr std::string_view platforms[] = {"slack", "mattermost"};
constexpr std::string_view room_modes[] = {"thread", "channel"};

// `n` is required for the chosen platform; the other section may stay in the file (handy when
// moving between platforms) and is then only checked for typos and bad values.
void read_slack(yaml_reader& r, const YAML::Node& chat, slack_config& out, need n) {
  auto slack = r.map_field(chat, "chat", "slack", n);
  if (!slack || !r.check_map(*slack, "chat.slack", slack_keys)) return;
  const std::string path = "chat.slack";
  r.read_string(*slack, path, "app_token", out.app_token, n);
  r.read_string(*slack, path, "bot_token", out.bot_token, n);
  r.read_string(*slack, path, "signing_secret", out.signing_secret);
  if (r.read_url(*slack, path, "api_url", out.api_url) && out.api_url.back() != '/') {
    // Clients append method names ("chat.postMessage") to it.
    out.api_url += '/';
  }
}

void read_mattermost(yaml_reader& r, const YAML::Node& chat, mattermost_config& out, need n) {
  auto mm = r.map_field(chat, "chat", "mattermost", n);
  if (!mm || !r.check_map(*mm, "chat.mattermost", mattermost_keys)) return;
  const std::string path = "chat.mattermost";
  if (r.read_url(*mm, path, "url", out.url, n)) {
    // Clients append "/api/v4/…".
    while (!out.url.empty() && out.url.back() == '/') out.url.pop_back();
  }
  r.read_string(*mm, path, "token", out.token, n);
  r.read_string(*mm, path, "team", out.team, n);
  r.read_string(*mm, path, "command_token", out.command_token);
}

}  // namespace

void read_chat(yaml_reader& r, const YAML::Node& root, config& cfg) {
  auto chat = r.map_field(root, "", "chat", need::required);
  if (!chat || !r.check_map(*chat, "chat", chat_keys)) return;
  std::string platform;
  r.read_choice(*chat, "chat", "platform", platforms, platform, need::required);
  cfg.chat.platform =
      platform == "mattermost" ? chat_platform_kind::mattermost : chat_platform_kind::slack;
  r.read_string(*chat, "chat", "alerts_channel", cfg.chat.alerts_channel, need::required);
  std::string rooms = "thread";
  r.read_choice(*chat, "chat", "incident_rooms", room_modes, rooms);
  cfg.chat.incident_rooms =
      rooms == "channel" ? incident_room_mode::channel : incident_room_mode::thread;
  read_slack(r, *chat, cfg.chat.slack, platform == "slack" ? need::required : need::optional);
  read_mattermost(r, *chat, cfg.chat.mattermost,
                  platform == "mattermost" ? need::required : need::optional);
}

}  // namespace oncall
