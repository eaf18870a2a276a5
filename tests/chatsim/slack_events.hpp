// Role: Events API objects as Slack delivers them in events_api envelopes: the event_callback
// wrapper and the inner message, message_changed, message_deleted, reaction_added and
// reaction_removed events.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "workspace.hpp"

namespace chatsim {

nlohmann::json event_callback(const team_identity& team, nlohmann::json event,
                              const std::string& event_id, std::int64_t event_time);

nlohmann::json message_event(const workspace& ws, const channel& ch, const message& m);
nlohmann::json message_changed_event(const workspace& ws, const channel& ch, const message& now,
                                     nlohmann::json previous, const std::string& event_ts);
nlohmann::json message_deleted_event(const channel& ch, nlohmann::json previous,
                                     const std::string& deleted_ts, const std::string& event_ts);
nlohmann::json reaction_added_event(const channel& ch, const message& m, const std::string& user,
                                    const std::string& reaction, const std::string& event_ts);
nlohmann::json reaction_removed_event(const channel& ch, const message& m, const std::string& user,
                                      const std::string& reaction, const std::string& event_ts);

}  // namespace chatsim
