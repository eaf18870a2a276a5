// The environment a runbook runs with: built from an allow-list, never copied from the bot's
// own. The bot's environment holds its chat and webhook tokens (SLACK_BOT_TOKEN,
// MATTERMOST_TOKEN, ALERT_TOKEN, …); a runbook that printed `env` into the incident room would
// publish them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace oncall {

// The PATH every runbook gets, whatever the bot's own PATH is.
inline constexpr std::string_view runbook_search_path = "/usr/local/bin:/usr/bin:/bin";

// Who and what a run is for; passed to the runbook as ONCALL_* variables.
struct run_identity {
  std::string incident_id;  // "42", or empty outside an incident
  std::string runbook;
  std::string user;  // the person's name from people:
};

// "NAME=value" entries: PATH, LANG=C.UTF-8, HOME=`home`, and ONCALL_RUNBOOK, ONCALL_USER,
// ONCALL_INCIDENT_ID (left out when empty). Control characters in the identity values are
// dropped so a variable stays one line.
std::vector<std::string> scrubbed_environment(const run_identity& who, const std::string& home);

// $HOME of the bot, or "/" when it has none: the runbook's HOME by default.
std::string default_runbook_home();

}  // namespace oncall
