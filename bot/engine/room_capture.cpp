// Incident rooms into the timeline: people's messages in the announcement's thread become
// entries of kind "message" (author, text, the message's own time and ref); edits replace the
// text, deletions remove the entry, a :pushpin: marks it as a key event. After a gap the room's
// history is compared with the timeline, so nothing is recorded twice.
//
// A deleted message leaves no text behind (people delete what they should not have pasted),
// only a tombstone among the applied deliveries, so that a late or replayed copy of it, or a
// history read just before the deletion, cannot bring it back.
#include <algorithm>
#include <set>

#include "bot/engine/incident_engine.hpp"

namespace oncall {

namespace {

const char* message_kind = "message";

std::string tombstone_id(const std::string& channel, const std::string& ref) {
  return "room-deleted:" + channel + ":" + ref;
}

}  // namespace

std::vector<room_ref> incident_engine::open_rooms() {
  std::vector<room_ref> out;
  for (const auto& inc : store_.open_incidents()) {
    // A dedicated channel is read whole (no thread); it is the room even before the
    // announcement is there.
    if (auto dedicated = store_.find_incident_room(inc.id)) {
      out.push_back({inc.id, dedicated->channel, ""});
      continue;
    }
    if (inc.channel.empty() || inc.message_ref.empty()) continue;  // not announced yet
    out.push_back({inc.id, inc.channel, inc.message_ref});
  }
  return out;
}

bool incident_engine::capture(const room_event& ev) {
  const std::string& channel = ev.channel;
  const std::string& ref = ev.message.ref;
  if (channel.empty() || ref.empty()) return false;
  // The room is the incident's dedicated channel, all of it (incident_rooms: channel), or else
  // the announcement's thread; resolved incidents too, since people keep talking in the room
  // after the fire is out.
  auto room = [&]() -> std::optional<incident> {
    if (auto dedicated = store_.find_incident_room_by_channel(channel)) {
      auto inc = store_.find_incident(dedicated->incident_id);
      // The announcement is the bot's own post: never a message of the room.
      if (inc && inc->message_ref == ref) return std::nullopt;
      return inc;
    }
    if (ev.thread_ref.empty() || ev.thread_ref == ref) return std::nullopt;
    auto inc = store_.find_incident_by_message(channel, ev.thread_ref);
    // Once an incident has its own channel, its old thread is no longer the room.
    if (inc && store_.find_incident_room(inc->id)) return std::nullopt;
    return inc;
  };
  auto author = [&](const std::string& chat_user) {
    const person* p = cfg_->person_by_chat_user(chat_user);
    return p ? p->name : chat_user;
  };
  auto add = [&](const incident& inc) {
    timeline_entry e;
    e.incident_id = inc.id;
    e.at = ev.message.at;
    e.kind = message_kind;
    e.author = author(ev.message.user);
    e.text = ev.message.text;
    e.ref = ref;
    e.key_event = ev.message.pinned.value_or(false);
    store_.append_timeline(e);
  };
  // Reads first: most events are about other channels and need no transaction of their own.
  // Posts, edits and deletions name their thread, so the room comes first (an indexed lookup);
  // reactions name only the message.
  bool about_a_post = ev.what != room_event::kind::pinned && ev.what != room_event::kind::unpinned;
  std::optional<incident> inc = about_a_post ? room() : std::nullopt;
  if (about_a_post && !inc) return false;
  auto entry = store_.find_timeline_by_ref(channel, ref);
  bool tombstoned = store_.find_inbound(tombstone_id(channel, ref)).has_value();
  bool changed = false;
  // The store's transaction, not commit(): commit() inside `once` counts as a change, and an
  // event that changes nothing must not be remembered (most are about other channels).
  store_.transaction([&] {
    switch (ev.what) {
      case room_event::kind::posted:
      case room_event::kind::edited:
        if (tombstoned) return;
        if (entry) {
          // An edit, or a post seen before (a redelivery the delivery id did not catch).
          if (ev.what == room_event::kind::posted || entry->text == ev.message.text) return;
          store_.update_timeline_text(entry->id, ev.message.text);
        } else {
          add(*inc);  // an edit of a post this bot never saw counts as the post
        }
        break;
      case room_event::kind::deleted:
        if (entry) store_.delete_timeline_entry(entry->id);
        // Deleted before its post arrived, or after: either way it stays out.
        if (!tombstoned) store_.record_inbound(tombstone_id(channel, ref), "{}", clock_.now());
        break;
      case room_event::kind::pinned:
      case room_event::kind::unpinned: {
        bool key = ev.what == room_event::kind::pinned;
        if (!entry || entry->key_event == key) return;
        store_.mark_key_event(entry->id, key);
        break;
      }
    }
    changed = true;
    changed_ = true;
  });
  return changed;
}

int incident_engine::backfill(const room_ref& room, const std::vector<room_message>& messages,
                              bool complete) {
  auto inc = store_.find_incident(room.incident_id);
  if (!inc) return 0;
  auto dedicated = store_.find_incident_room(inc->id);
  bool same_room = dedicated ? room.channel == dedicated->channel && room.thread_ref.empty()
                             : inc->channel == room.channel && inc->message_ref == room.thread_ref;
  if (!same_room) return 0;
  int changed = 0;
  commit([&] {
    std::set<std::string> present;
    std::optional<time_point> newest;
    for (const auto& m : messages) {
      if (m.ref.empty() || m.ref == room.thread_ref || m.ref == inc->message_ref) continue;
      present.insert(m.ref);
      newest = newest ? std::max(*newest, m.at) : m.at;
      room_event ev{room_event::kind::edited, "", room.channel, room.thread_ref, m};
      // Posted (or edited) while the bot was away: capture records or updates it once.
      if (capture(ev)) ++changed;
      if (!m.pinned) continue;
      ev.what = *m.pinned ? room_event::kind::pinned : room_event::kind::unpinned;
      if (capture(ev)) ++changed;
    }
    if (!complete || !newest) return;
    // Gone from a complete history: deleted during the gap. Entries newer than anything the
    // history shows were posted after it was read, and stay.
    for (const auto& e : store_.timeline(inc->id)) {
      if (e.kind != message_kind || e.ref.empty() || present.count(e.ref) || e.at > *newest) continue;
      room_event gone{room_event::kind::deleted, "", room.channel, room.thread_ref, {.ref = e.ref}};
      if (capture(gone)) ++changed;
    }
  });
  return changed;
}

}  // namespace oncall
