// Role: the simulated workspace shared by every dialect: team identity, users, channels, their
// messages (with edit history, reactions, threads) and ephemeral messages. Pure state, no I/O.
#pragma once

#include <deque>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "timestamps.hpp"

namespace chatsim {

struct team_identity {
  std::string id = "T0SIM";
  std::string domain = "oncallsim";
  std::string name = "Oncall Sim";
  std::string app_id = "A0SIM";
  std::string bot_user_id = "U0BOT";
  std::string bot_name = "oncallbot";
  std::string bot_id = "B0BOT";
};

struct user {
  std::string id, name, real_name;
  bool is_bot = false;
};

// What a message shows; null blocks/attachments mean "none".
struct message_content {
  std::string text;
  nlohmann::json blocks;
  nlohmann::json attachments;
};

struct message_version {
  message_content content;
  std::string replaced_ts;  // when this version was replaced
};

struct reaction {
  std::string name;
  std::vector<std::string> users;
};

struct message {
  std::string ts, user;
  message_content content;
  nlohmann::json metadata;      // null when absent
  std::string thread_ts;        // parent ts on replies; own ts on a parent that has replies
  std::string subtype;          // "" or "thread_broadcast"
  std::string bot_id;           // the bot's messages only
  std::string client_msg_id;    // people's messages only
  std::string edited_by, edited_ts;
  std::vector<message_version> edits;  // oldest first
  std::vector<reaction> reactions;
  nlohmann::json files;  // null, or the shared files [{id, name, title, size}] (file uploads)
  bool deleted = false;
  std::int64_t received_mono_ns = monotonic_nanos();  // when chatsim took it in

  bool is_reply() const { return !thread_ts.empty() && thread_ts != ts; }
};

struct ephemeral_message {
  std::string ts, to_user, from_user;
  message_content content;
  std::string thread_ts;
  std::int64_t received_mono_ns = monotonic_nanos();  // when chatsim took it in
};

struct channel {
  std::string id, name;  // IMs have no name
  std::int64_t created = 0;  // unix seconds
  std::set<std::string> members;
  std::deque<message> messages;  // ascending ts; deque keeps references stable on append
  std::vector<ephemeral_message> ephemeral;
  std::string im_user;  // on an IM (D…), the person the bot talks to; empty on channels

  bool is_im() const { return !im_user.empty(); }
};

struct thread_summary {
  int reply_count = 0;
  std::vector<std::string> reply_users;
  std::string latest_reply;
};

class workspace {
 public:
  explicit workspace(micros_clock clock = system_micros);

  const team_identity& team() const { return team_; }
  const std::deque<user>& users() const { return users_; }
  const std::deque<channel>& channels() const { return channels_; }
  std::deque<channel>& channels() { return channels_; }

  const user* find_user(std::string_view id_or_name) const;
  const user* find_user_by_id(std::string_view id) const;
  std::string user_name(std::string_view id) const;  // the id itself when unknown
  // "C0ALERTS", "alerts" or "#alerts"; IMs by id only ("D0ALICE"), as they have no name.
  channel* find_channel(std::string_view id_or_name);
  channel* find_channel_by_id(std::string_view id);
  // The bot's IM with `person`, created on first use ("D0" + name), or the existing one.
  channel& open_im(const user& person);
  channel* find_im(std::string_view user_id);
  message* find_message(channel& ch, std::string_view ts);

  // Both return an error text, or nothing on success.
  std::optional<std::string> add_user(user u, const std::vector<std::string>* channels);
  std::optional<std::string> add_channel(std::string name,
                                         const std::vector<std::string>* members);

  std::string next_ts() { return ts_.next(); }
  std::int64_t now_micros() const { return ts_.now(); }

  // Stores `m` with a fresh ts (also returned in the message); a reply marks its parent.
  message& append(channel& ch, message m);
  std::vector<const message*> thread(const channel& ch, std::string_view parent_ts) const;
  thread_summary summarize_thread(const channel& ch, std::string_view parent_ts) const;

 private:
  std::string unique_channel_id(std::string_view prefix, std::string_view name) const;

  team_identity team_;
  ts_source ts_;
  std::deque<user> users_;
  std::deque<channel> channels_;
};

}  // namespace chatsim
