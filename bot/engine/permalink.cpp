#include "bot/engine/permalink.hpp"

#include <algorithm>

namespace oncall {

std::string incident_permalink(const config& cfg, const incident& inc) {
  if (inc.message_ref.empty() || inc.channel.empty()) return {};
  if (cfg.chat.platform == chat_platform_kind::mattermost) {
    return cfg.chat.mattermost.url + "/" + cfg.chat.mattermost.team + "/pl/" + inc.message_ref;
  }
  auto ts = inc.message_ref;
  ts.erase(std::remove(ts.begin(), ts.end(), '.'), ts.end());
  return "https://slack.com/archives/" + inc.channel + "/p" + ts;
}

}  // namespace oncall
