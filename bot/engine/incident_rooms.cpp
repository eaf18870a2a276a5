// Dedicated incident channels (incident_rooms: channel, /oncall channel). The channel is made by
// the outbox (an open_room effect, in the announcement's lane so it comes first); once it
// exists the whole channel is the incident room: the announcement, the bot's room posts and
// uploads go there, and every message in it goes into the timeline (room_capture.cpp).
#include <nlohmann/json.hpp>

#include "bot/chat/message_codec.hpp"
#include "bot/core/room_name.hpp"
#include "bot/engine/incident_engine.hpp"

namespace oncall {

void incident_engine::enqueue_room(const incident& inc, const std::string& when) {
  std::vector<std::string> people = paged_chat_users(inc);
  if (auto lead = chat_handle(inc.lead); !lead.empty()) people.push_back(lead);
  nlohmann::json payload = {{"name", incident_room_name(inc.id, inc.title)},
                            {"people", people},
                            {"purpose", "Incident " + inc.display_id() + ": " + inc.title},
                            {"at_page", when == "page"}};
  enqueue(inc, effect_kind::open_room, "room:" + std::to_string(inc.id) + ":" + when,
          payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

result<incident> incident_engine::request_room(std::int64_t id, const actor& by) {
  auto loaded = load_open(id);
  if (!loaded) return loaded;
  if (auto room = store_.find_incident_room(id)) {
    return error{loaded->display_id() + " has its channel already: #" + room->name, "id"};
  }
  if (!loaded->open()) return error{loaded->display_id() + " is resolved; a new channel would stay empty", "id"};
  if (loaded->message_ref.empty()) {
    return error{loaded->display_id() + " is not announced yet; try again in a moment", "id"};
  }
  commit([&] {
    append_entry(*loaded, "room", by, "asked for a dedicated channel", false, false);
    enqueue_room(*loaded, "later");
  });
  return loaded;
}

void incident_engine::room_opened(const incident_room& room, bool at_page) {
  commit([&] {
    auto inc = store_.find_incident(room.incident_id);
    if (!inc) return;
    // Posts queued from here on (room posts, uploads) go to the channel: the outbox looks the
    // room up when it carries them out.
    auto entry = append_entry(*inc, "room", actor::system("oncallbot"), "dedicated channel #" + room.name,
                              false, false);
    if (at_page) {
      // The announcement (next in the lane) goes into the channel; the alerts channel gets a
      // pointer to it.
      effect link;
      link.key = "room-link:" + std::to_string(inc->id);
      link.kind = effect_kind::channel_post;
      link.channel = cfg_->chat.alerts_channel;
      link.incident_id = inc->id;
      link.payload = message_to_json(simple_message(
          {rt::bold(inc->display_id() + " " + inc->title), rt::text(": the incident room is "),
           rt::bold("#" + room.name), rt::text(" (announcement, buttons and talk are there).")}));
      link.created_at = clock_.now();
      enqueue(link);
    } else {
      post_in_room(*inc, entry,
                   simple_message({rt::text("This channel is now the room of "), rt::bold(inc->display_id()),
                                   rt::text(" " + inc->title + ". What is said here goes into its timeline; "
                                            "the announcement with its buttons stays in the alerts channel.")}));
    }
    store_.save_incident_room(room);
  });
}

void incident_engine::room_failed(std::int64_t id, const std::string& name, const std::string& reason) {
  commit([&] {
    auto inc = store_.find_incident(id);
    if (!inc) return;
    auto entry = append_entry(*inc, "room", actor::system("oncallbot"),
                              "could not create #" + name + ": " + reason, false, false);
    post_in_room(*inc, entry,
                 simple_message({rt::text("Could not create the channel "), rt::bold("#" + name),
                                 rt::text(" (" + reason + "); this thread is the incident room.")}));
  });
}

}  // namespace oncall
