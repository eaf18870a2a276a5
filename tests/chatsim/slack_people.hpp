// Role: simulated people writing in channels (/_sim/slack/message, edit, delete, react): each
// changes the workspace and the bot gets the matching event.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "http_types.hpp"
#include "workspace.hpp"

namespace chatsim {

struct slack_state;

// Who acts where, on which message: resolved from "user", "channel" and (with `ts_key`) a live
// message; with `own`, people may only change their own messages. `error` is the reply otherwise.
struct person_target {
  const user* who = nullptr;
  channel* where = nullptr;
  message* what = nullptr;
  std::optional<http_reply> error;
};
person_target resolve_person(slack_state& slack, const nlohmann::json& body, const char* ts_key,
                             bool own);

http_reply person_posts(slack_state& slack, const nlohmann::json& body);
http_reply person_edits(slack_state& slack, const nlohmann::json& body);
http_reply person_deletes(slack_state& slack, const nlohmann::json& body);
http_reply person_reacts(slack_state& slack, const nlohmann::json& body);

// What Slack stores when a person types `typed`: &, <, > escaped, "@name" of a known user turned
// into <@U…>, and @here / @channel / @everyone into <!here> etc.
std::string typed_to_slack_text(const workspace& ws, const std::string& typed);

}  // namespace chatsim
