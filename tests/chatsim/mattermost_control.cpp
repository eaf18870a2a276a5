// Role: implementation of the /_sim/mattermost/ routes (DM readback: dms[/<user>/posts]).
#include "mattermost_control.hpp"

#include "control_support.hpp"
#include "mattermost_clicks.hpp"
#include "mattermost_commands.hpp"
#include "mattermost_people.hpp"
#include "mattermost_readback.hpp"
#include "mattermost_state.hpp"

namespace chatsim {

boost::asio::awaitable<http_reply> mattermost_control::handle(const http_request& request) {
  auto path = path_segments(request.path);  // {"_sim", "mattermost", verb, …}
  if (request.method == "GET") co_return read(request, path);
  auto body = json_body(request);
  if (path.size() != 3 || request.method != "POST") {
    co_return error_reply(404, "no such control endpoint: " + request.method + " " + request.path);
  }
  if (!body) co_return error_reply(400, "body must be a JSON object");
  const std::string& verb = path[2];
  if (verb == "commands") co_return register_command(mm_, *body);
  if (verb == "command") co_return co_await run_slash_command(mm_, *body);
  if (verb == "click") co_return co_await run_click(mm_, *body);
  if (verb == "message") co_return mm_person_posts(mm_, *body);
  if (verb == "edit") co_return mm_person_edits(mm_, *body);
  if (verb == "delete") co_return mm_person_deletes(mm_, *body);
  if (verb == "react") co_return mm_person_reacts(mm_, *body);
  if (verb == "drop_sockets") {
    co_return json_reply({{"ok", true}, {"dropped", mm_.sockets.drop_all()}});
  }
  co_return error_reply(404, "no such control endpoint: POST " + request.path);
}

http_reply mattermost_control::read(const http_request& request,
                                    const std::vector<std::string>& path) {
  std::string what = path.size() > 2 ? path[2] : "";
  if (what == "users" && path.size() == 3) return json_reply(mm_readback_users(mm_.ws));
  if (what == "commands" && path.size() == 3) return list_commands(mm_);
  if (what == "channels" && path.size() == 3) return json_reply(mm_readback_channels(mm_.ws));
  if (what == "channels" && path.size() == 5 && path[4] == "posts") {
    mm_channel* ch = mm_.ws.find_channel(path[3]);
    if (!ch) return error_reply(404, "no such channel: " + path[3]);
    return json_reply(mm_readback_channel(mm_.ws, *ch));
  }
  if (what == "dms" && path.size() == 3) return json_reply(mm_readback_dms(mm_.ws));
  if (what == "files" && path.size() == 3) return json_reply({{"files", mm_files_json(mm_.files)}});
  if (what == "dms" && path.size() == 5 && path[4] == "posts") {
    const mm_user* person = mm_.ws.find_user(path[3]);
    if (!person) return error_reply(404, "no such user: " + path[3]);
    mm_channel* dm = mm_.ws.find_direct(mm_.ws.bot().id, person->id);
    return json_reply(mm_readback_dm(mm_.ws, *person, dm));
  }
  return error_reply(404, "no such control endpoint: GET " + request.path);
}

}  // namespace chatsim
