// Role: renders sim_stats as the JSON document of GET /_sim/stats.
#include "stats.hpp"

namespace chatsim {

nlohmann::json sim_stats::to_json() const {
  return {{"api_calls", api_calls},
          {"rate_limited", rate_limited},
          {"connections_opened", connections_opened},
          {"open_connections", open_connections},
          {"envelopes_sent", envelopes_sent},
          {"envelopes_acked", envelopes_acked},
          {"redeliveries", redeliveries},
          {"bad_acks", bad_acks},
          {"duplicate_acks", duplicate_acks},
          {"invalid_frames", invalid_frames},
          {"envelopes_abandoned", envelopes_abandoned},
          {"faults_applied", faults_applied},
          {"last_hello_mono_ns", last_hello_mono_ns},
          {"mattermost_api_calls", mattermost_api_calls},
          {"mattermost_rate_limited", mattermost_rate_limited},
          {"mattermost_connections_opened", mattermost_connections_opened},
          {"mattermost_open_connections", mattermost_open_connections},
          {"mattermost_events_sent", mattermost_events_sent},
          {"mattermost_resumptions", mattermost_resumptions},
          {"mattermost_auth_failures", mattermost_auth_failures},
          {"mattermost_commands_sent", mattermost_commands_sent},
          {"mattermost_actions_sent", mattermost_actions_sent}};
}

}  // namespace chatsim
