// The seam between oncallbot and a chat platform. Adapters (slack/, mattermost/) turn the
// platform's events into inbound_command / inbound_click and carry out posts and updates;
// everything above this interface is platform-neutral.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bot/chat/message.hpp"
#include "bot/core/room_event.hpp"
#include "bot/core/time.hpp"

namespace oncall {

struct inbound_command {
  std::string delivery_id;  // stable across redeliveries (Slack trigger_id)
  std::string user;         // platform user (Slack id, Mattermost username)
  std::string channel;      // platform channel id
  std::string text;         // after "/oncall ", unescaped
};

struct inbound_click {
  std::string delivery_id;
  std::string user;
  std::string channel;
  std::string message_ref;
  std::string action_id;
  std::string value;
};

struct chat_reply {
  outbound_message message;
  bool in_channel = false;
};

// What the adapters call. Implementations apply the event and commit before returning, so the
// adapter may acknowledge the delivery right after.
class chat_events {
 public:
  virtual ~chat_events() = default;
  virtual chat_reply on_command(const inbound_command& cmd) = 0;
  // A reply for the clicker alone, or nullopt.
  virtual std::optional<outbound_message> on_click(const inbound_click& click) = 0;
  // A message posted, edited or deleted, or a reaction, in any channel the bot is in: what
  // happens in an incident room goes into its timeline, once per delivery id.
  virtual void on_room_event(const room_event& event) { (void)event; }
  // The rooms of the open incidents, read back after a gap (reconnect, restart).
  virtual std::vector<room_ref> open_rooms() { return {}; }
  // A room's messages as its history shows them after a gap (the bot's own left out). Records
  // what the timeline lacks; with `complete`, entries missing from it were deleted meanwhile.
  virtual void on_room_history(const room_ref& room, const std::vector<room_message>& messages,
                               bool complete) {
    (void)room;
    (void)messages;
    (void)complete;
  }
};

struct post_result {
  bool ok = false;
  std::string channel;  // platform channel id the message went to
  std::string ref;      // message ref (Slack ts, Mattermost post id)
  std::string error;    // platform error code or transport failure
  std::optional<duration> retry_after;  // rate limited: try again after this
  bool permanent = false;  // retrying the same request cannot succeed
};

// A file for a room: `content` is uploaded as `filename`, shown with `title`, and
// `initial_comment` (plain text, may be empty) is posted with it.
struct file_upload {
  std::string filename;
  std::string title;
  std::string content;
  std::string initial_comment;
};

// A request that a chat server sends to the bot's HTTP server (Mattermost slash commands and
// button clicks), and the answer.
struct inbound_http {
  std::string path;
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
  std::map<std::string, std::string> query;
};

struct outbound_http {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

class chat_platform {
 public:
  virtual ~chat_platform() = default;
  // Paths this platform serves on the bot's HTTP server; handle_http answers them.
  virtual std::vector<std::string> http_paths() const { return {}; }
  virtual boost::asio::awaitable<outbound_http> handle_http(const inbound_http& request,
                                                            chat_events& events) {
    (void)request;
    (void)events;
    co_return outbound_http{404, R"({"error":"not served by this chat platform"})"};
  }
  // Connects and keeps reconnecting until stop(); delivers events to `events`.
  virtual boost::asio::awaitable<void> run(chat_events& events) = 0;
  virtual void stop() = 0;
  virtual bool connected() const = 0;
  // The platform's own pace for new messages in one channel (Slack: about one per second, short
  // bursts tolerated); zero when it has none.
  virtual duration post_interval() const { return duration{0}; }
  // `channel` is a name or id; `thread_ref` empty for a top-level message.
  virtual boost::asio::awaitable<post_result> post(const std::string& channel,
                                                   const outbound_message& m,
                                                   const std::string& thread_ref) = 0;
  virtual boost::asio::awaitable<post_result> update(const std::string& channel,
                                                     const std::string& ref,
                                                     const outbound_message& m) = 0;
  // A direct message to one chat user (Slack user id, Mattermost username).
  virtual boost::asio::awaitable<post_result> post_direct(const std::string& user,
                                                          const outbound_message& m) = 0;
  virtual boost::asio::awaitable<post_result> post_ephemeral(const std::string& channel,
                                                             const std::string& user,
                                                             const outbound_message& m) = 0;
  // Uploads a file into `channel` (an id), in the thread `thread_ref` when not empty. The
  // result's ref is the file's id on the platform.
  virtual boost::asio::awaitable<post_result> upload_file(const std::string& channel,
                                                          const std::string& thread_ref,
                                                          const file_upload& file) {
    (void)channel;
    (void)thread_ref;
    (void)file;
    co_return post_result{false, {}, {}, "this chat platform cannot upload files", {}, true};
  }
  // A new public channel `name` (already within the platform's naming rules) with `purpose`.
  // ok: `channel` is its id. A name in use fails with error "name_taken".
  virtual boost::asio::awaitable<post_result> create_channel(const std::string& name,
                                                             const std::string& purpose) {
    (void)name;
    (void)purpose;
    co_return post_result{false, {}, {}, "this chat platform cannot create channels", {}, true};
  }
  // Adds chat users (Slack ids, Mattermost usernames) to `channel` (an id). People already in
  // count as added; unknown people are left out (and logged), not an error.
  virtual boost::asio::awaitable<post_result> invite(const std::string& channel,
                                                     const std::vector<std::string>& users) {
    (void)channel;
    (void)users;
    co_return post_result{false, {}, {}, "this chat platform cannot invite people", {}, true};
  }
};

}  // namespace oncall
