// Role: counters that tests read back through GET /_sim/stats.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace chatsim {

struct sim_stats {
  std::map<std::string, std::int64_t> api_calls;  // every Web API call received, by method
  std::int64_t rate_limited = 0;                  // 429 answers (limiter and faults)
  std::int64_t connections_opened = 0;
  std::int64_t open_connections = 0;
  std::int64_t envelopes_sent = 0;   // frames written to sockets, redeliveries included
  std::int64_t envelopes_acked = 0;  // envelopes acknowledged (once each)
  std::int64_t redeliveries = 0;
  std::int64_t bad_acks = 0;         // acks naming an unknown envelope id
  std::int64_t duplicate_acks = 0;   // acks for an envelope that was already acked
  std::int64_t invalid_frames = 0;   // client frames that were not JSON acks
  std::int64_t envelopes_abandoned = 0;  // gave up after the last redelivery
  std::int64_t faults_applied = 0;
  std::int64_t last_hello_mono_ns = 0;  // when the latest Socket Mode hello was queued (monotonic)

  // The Mattermost dialect.
  std::map<std::string, std::int64_t> mattermost_api_calls;  // by route, "POST /api/v4/posts"
  std::int64_t mattermost_rate_limited = 0;        // 429 answers (limiter and faults)
  std::int64_t mattermost_connections_opened = 0;  // websocket upgrades
  std::int64_t mattermost_open_connections = 0;
  std::int64_t mattermost_events_sent = 0;         // event frames written, replays included
  std::int64_t mattermost_resumptions = 0;         // reconnects that resumed a connection_id
  std::int64_t mattermost_auth_failures = 0;       // sockets closed for a bad token
  std::int64_t mattermost_commands_sent = 0;       // slash command requests to the bot
  std::int64_t mattermost_actions_sent = 0;        // button clicks sent to integration URLs

  nlohmann::json to_json() const;
};

}  // namespace chatsim
