// Role: Mattermost's websocket event hub: logical connections (connection_id, per-connection
// seq, the last 128 events), hello for new connections, replay on resumption with
// connection_id + sequence_number, and broadcast of events to the users who may see them.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

namespace chatsim {

class mm_workspace;
struct sim_stats;

// What the hub needs of an open, authenticated socket.
class mm_event_sink {
 public:
  virtual ~mm_event_sink() = default;
  virtual void send_text(std::string text) = 0;
};

struct mm_event {
  std::string name;  // "posted", "post_edited", …
  nlohmann::json data = nlohmann::json::object();
  std::string channel_id;  // broadcast.channel_id: members of the channel get it
  std::string user_id;     // broadcast.user_id: only this user gets it
  // For "posted": the users mentioned; each recipient sees only itself in data.mentions.
  std::set<std::string> mentioned;
};

class mm_event_hub {
 public:
  static constexpr std::size_t queue_size = 128;
  static constexpr std::chrono::seconds keep_after_disconnect{60};

  mm_event_hub(mm_workspace& ws, sim_stats& stats) : ws_(ws), stats_(stats) {}

  struct attached {
    std::string connection_id;
    bool resumed = false;
  };
  // Registers an authenticated socket of `user_id`. A known `connection_id` whose queue still
  // holds `sequence_number` (or is exactly there) resumes: the missed events are sent again,
  // no hello. Otherwise a new connection starts with hello (seq 0) and a new connection_id.
  attached attach(const std::shared_ptr<mm_event_sink>& sink, const std::string& user_id,
                  const std::string& connection_id, std::optional<std::int64_t> sequence_number);
  void detach(const mm_event_sink* sink);
  void publish(const mm_event& event);

 private:
  struct connection {
    std::string id, user_id;
    std::int64_t next_seq = 0;
    std::deque<std::pair<std::int64_t, std::string>> recent;  // (seq, frame), oldest first
    std::weak_ptr<mm_event_sink> sink;
    std::optional<std::chrono::steady_clock::time_point> detached_at;
  };

  bool can_see(const connection& c, const mm_event& event) const;
  void record(connection& c, nlohmann::json frame);
  void forget_expired();

  mm_workspace& ws_;
  sim_stats& stats_;
  std::map<std::string, connection> connections_;
};

}  // namespace chatsim
