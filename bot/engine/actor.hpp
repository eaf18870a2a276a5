// Who did something: the chat user, and the configured person behind it when known.
#pragma once

#include <string>

namespace oncall {

struct actor {
  std::string chat_user;  // Slack user id or Mattermost username; empty for the bot itself
  std::string person;     // name from people[], empty when the user is not configured

  // The name recorded in the timeline.
  std::string name() const { return person.empty() ? chat_user : person; }
  bool known() const { return !person.empty(); }
  static actor system(std::string source) { return {"", std::move(source)}; }
};

}  // namespace oncall
