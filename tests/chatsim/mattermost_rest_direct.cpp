// Role: POST /api/v4/channels/direct: the body is a JSON array of two user ids, one of them the
// caller's; answers 201 with the direct channel, the same one on every call. The refusals
// follow createDirectChannel in api4/channel.go, in its order.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "mattermost_json.hpp"
#include "mattermost_rest_calls.hpp"
#include "mattermost_state.hpp"

namespace chatsim {
namespace {

using nlohmann::json;

// What Go's json.Decoder makes of the body as a []string: nullopt when it does not decode (not
// JSON, not an array, an element that is not a string); `null` is an empty list. Duplicates go,
// the order stays (NonSortedArrayFromJSON).
std::optional<std::vector<std::string>> user_id_list(const std::string& body) {
  auto parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !(parsed.is_array() || parsed.is_null())) return std::nullopt;
  std::vector<std::string> ids;
  for (const auto& item : parsed.is_null() ? json::array() : parsed) {
    if (!item.is_string()) return std::nullopt;
    auto id = item.get<std::string>();
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
  }
  return ids;
}

}  // namespace

http_reply mm_create_direct_channel(mm_rest_call& c) {
  auto ids = user_id_list(c.request.body);
  if (!ids) {
    return c.error(400, "api.payload.parse.error", "An error occurred while parsing the payload.");
  }
  // A channel with oneself: the duplicate was dropped above, Mattermost puts it back.
  if (ids->size() == 1 && ids->front() == c.caller.id) ids->push_back(c.caller.id);
  if (ids->size() != 2) return c.invalid_body_param("user_ids");
  if (!std::all_of(ids->begin(), ids->end(),
                   [](const std::string& id) { return mm_valid_id(id); })) {
    return c.invalid_body_param("user_id");
  }
  // Only an admin may open a DM between two others; the bot is no admin.
  if (std::find(ids->begin(), ids->end(), c.caller.id) == ids->end()) return c.forbidden();
  auto by_id = [&c](const std::string& id) -> const mm_user* {
    const mm_user* u = c.mm.ws.find_user(id);  // usernames match too: insist on the id
    return u && u->id == id ? u : nullptr;
  };
  const mm_user* first = by_id((*ids)[0]);
  const mm_user* second = by_id((*ids)[1]);
  if (!first || !second) {
    return c.error(400, "api.channel.create_direct_channel.invalid_user.app_error",
                   "Invalid user ID for direct channel creation.");
  }
  return json_reply(mm_channel_json(c.mm.ws.open_direct(*first, *second)), 201);
}

}  // namespace chatsim
