// Files for incident rooms. An upload is an effect like a post: stored in the same transaction
// as its timeline entry and carried out by the outbox, in a lane of its own per incident so a
// slow or failing upload never holds up the room's messages or the announcement's updates.
#include "bot/chat/room_file_codec.hpp"
#include "bot/engine/incident_engine.hpp"

namespace oncall {

namespace {

std::string upload_lane(std::int64_t incident_id) { return "files:#" + std::to_string(incident_id); }

}  // namespace

result<incident> incident_engine::upload_to_room(std::int64_t id, const actor& by, const room_file& file) {
  auto loaded = load_open(id);  // any incident, open or resolved
  if (!loaded) return loaded;
  if (file.filename.empty()) return error{"a file for the room needs a name", "filename"};
  commit([&] {
    auto entry = append_entry(*loaded, "upload", by, "asked for " + file.filename + " in the room", false, false);
    effect e;
    e.key = "upload:" + std::to_string(id) + ":" + std::to_string(entry);
    e.kind = effect_kind::upload;
    e.channel = upload_lane(id);
    e.incident_id = id;
    e.payload = room_file_to_json(file);
    e.subject = file.filename;
    e.created_at = clock_.now();
    enqueue(e);
  });
  return loaded;
}

void incident_engine::upload_failed(std::int64_t id, const std::string& filename, const std::string& reason) {
  commit([&] {
    auto inc = store_.find_incident(id);
    if (!inc) return;
    auto entry = append_entry(*inc, "upload", actor::system("oncallbot"), "could not upload " + filename + ": " + reason, false, false);
    post_in_room(*inc, entry,
                 simple_message({rt::text("Could not upload "), rt::code(filename), rt::text(" here (" + reason +
                                 "); retried and gave up. Run "), rt::code("/oncall postmortem " + inc->display_id()),
                                 rt::text(" again, or "), rt::code("oncallbot export --incident " + std::to_string(id)),
                                 rt::text(" writes it to a file.")}));
  });
}

}  // namespace oncall
