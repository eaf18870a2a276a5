// Role: REST v4 reads of users, teams and channels; 400 for malformed ids, 404 with the
// AppError body for unknown ones.
#include "mattermost_json.hpp"
#include "mattermost_rest_calls.hpp"
#include "mattermost_state.hpp"

namespace chatsim {

http_reply mm_get_me(mm_rest_call& c) { return json_reply(mm_user_json(c.caller)); }

http_reply mm_get_user(mm_rest_call& c) {
  if (!mm_valid_id(c.params[0])) return c.invalid_url_param("user_id");
  const mm_user* u = c.mm.ws.find_user(c.params[0]);
  if (!u || u->id != c.params[0]) {
    return c.error(404, "app.user.missing_account.const", "Unable to find the user.");
  }
  return json_reply(mm_user_json(*u));
}

http_reply mm_get_user_by_username(mm_rest_call& c) {
  const mm_user* u = c.mm.ws.find_user(c.params[0]);
  if (!u || u->username != c.params[0]) {
    return c.error(404, "app.user.get_by_username.app_error",
                   "Unable to find an existing account matching your username for this team.");
  }
  return json_reply(mm_user_json(*u));
}

http_reply mm_get_team_by_name(mm_rest_call& c) {
  if (c.params[0] != c.mm.ws.team().name) {
    return c.error(404, "app.team.get_by_name.missing.app_error", "Unable to find the existing team.");
  }
  return json_reply(mm_team_json(c.mm.ws.team()));
}

http_reply mm_get_channel_by_name(mm_rest_call& c) {
  mm_channel* ch = c.mm.ws.find_channel(c.params[1]);
  // Direct channels belong to no team, so a team's channel names never find them.
  if (c.params[0] != c.mm.ws.team().name || !ch || ch->name != c.params[1] ||
      ch->team_id != c.mm.ws.team().id) {
    return c.error(404, "app.channel.get_by_name.missing.app_error",
                   "Unable to find the existing channel.");
  }
  return json_reply(mm_channel_json(*ch));
}

http_reply mm_get_channel(mm_rest_call& c) {
  if (!mm_valid_id(c.params[0])) return c.invalid_url_param("channel_id");
  mm_channel* ch = c.mm.ws.channel_by_id(c.params[0]);
  if (!ch) return c.error(404, "app.channel.get.existing.app_error", "Unable to find the existing channel.");
  if (!ch->members.contains(c.caller.id)) return c.forbidden();
  return json_reply(mm_channel_json(*ch));
}

}  // namespace chatsim
