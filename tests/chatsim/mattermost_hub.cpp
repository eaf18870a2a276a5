// Role: implementation of the event hub: connection bookkeeping, framing and replay.
#include "mattermost_hub.hpp"

#include <algorithm>

#include "mattermost_json.hpp"
#include "mattermost_workspace.hpp"
#include "stats.hpp"

namespace chatsim {
namespace {

using nlohmann::json;

json broadcast_json(const mm_event& event) {
  return {{"omit_users", nullptr},   {"user_id", event.user_id}, {"channel_id", event.channel_id},
          {"team_id", ""},           {"connection_id", ""},      {"omit_connection_id", ""}};
}

}  // namespace

mm_event_hub::attached mm_event_hub::attach(const std::shared_ptr<mm_event_sink>& sink,
                                            const std::string& user_id,
                                            const std::string& connection_id,
                                            std::optional<std::int64_t> sequence_number) {
  forget_expired();
  if (auto it = connections_.find(connection_id); it != connections_.end()) {
    connection& c = it->second;
    bool same_user = c.user_id == user_id;
    std::int64_t wanted = sequence_number.value_or(-1);
    bool in_queue = !c.recent.empty() && c.recent.front().first <= wanted && wanted < c.next_seq;
    if (same_user && (wanted == c.next_seq || in_queue)) {
      c.sink = sink;  // a socket still attached to it is simply replaced
      c.detached_at.reset();
      for (const auto& [seq, frame] : c.recent) {
        if (seq >= wanted) {
          sink->send_text(frame);
          ++stats_.mattermost_events_sent;
        }
      }
      ++stats_.mattermost_resumptions;
      return {c.id, true};
    }
    connections_.erase(it);  // missed events are gone: the client must resync over REST
  }
  connection c;
  c.id = ws_.new_id();
  c.user_id = user_id;
  c.sink = sink;
  json hello{{"event", "hello"},
             {"data", {{"connection_id", c.id}, {"server_version", mm_server_version}}},
             {"broadcast", broadcast_json({.name = "hello", .user_id = user_id})},
             {"seq", 0}};
  auto [it, inserted] = connections_.emplace(c.id, std::move(c));
  record(it->second, std::move(hello));
  return {it->first, false};
}

void mm_event_hub::detach(const mm_event_sink* sink) {
  for (auto& [id, c] : connections_) {
    auto live = c.sink.lock();
    if (live.get() == sink || (!live && !c.detached_at)) {
      c.sink.reset();
      c.detached_at = std::chrono::steady_clock::now();
    }
  }
}

bool mm_event_hub::can_see(const connection& c, const mm_event& event) const {
  if (!event.user_id.empty()) return event.user_id == c.user_id;
  if (event.channel_id.empty()) return true;
  const mm_channel* ch = ws_.channel_by_id(event.channel_id);
  return ch && ch->members.contains(c.user_id);
}

void mm_event_hub::publish(const mm_event& event) {
  forget_expired();
  for (auto& [id, c] : connections_) {
    if (!can_see(c, event)) continue;
    json data = event.data;
    if (event.mentioned.contains(c.user_id)) data["mentions"] = json::array({c.user_id}).dump();
    record(c, {{"event", event.name},
               {"data", std::move(data)},
               {"broadcast", broadcast_json(event)},
               {"seq", c.next_seq}});
  }
}

// Numbers the frame, keeps it for replay, and writes it when a socket is attached. Events for
// a recently disconnected connection wait in its queue for a resumption.
void mm_event_hub::record(connection& c, json frame) {
  frame["seq"] = c.next_seq;
  std::string text = frame.dump();
  c.recent.emplace_back(c.next_seq++, text);
  while (c.recent.size() > queue_size) c.recent.pop_front();
  if (auto sink = c.sink.lock()) {
    sink->send_text(std::move(text));
    ++stats_.mattermost_events_sent;
  }
}

void mm_event_hub::forget_expired() {
  auto now = std::chrono::steady_clock::now();
  std::erase_if(connections_, [now](const auto& entry) {
    const auto& at = entry.second.detached_at;
    return at && now - *at > keep_after_disconnect;
  });
}

}  // namespace chatsim
