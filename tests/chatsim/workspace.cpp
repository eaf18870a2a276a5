// Role: implementation of the workspace: seeding, lookups, appends and thread bookkeeping.
#include "workspace.hpp"

#include <algorithm>
#include <cctype>

namespace chatsim {
namespace {

std::string upper_alnum(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

bool valid_channel_name(std::string_view name) {
  if (name.empty() || name.size() > 80) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
           c == '-' || c == '_';
  });
}

}  // namespace

workspace::workspace(micros_clock clock) : ts_(std::move(clock)) {
  users_.push_back({team_.bot_user_id, team_.bot_name, "On-call Bot", true});
  for (const char* name : {"alice", "bob", "carol", "dave", "eve"}) {
    std::string real = name;
    real[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(real[0])));
    users_.push_back({"U0" + upper_alnum(name), name, real, false});
  }
  for (const char* name : {"alerts", "oncall", "general"}) add_channel(name, nullptr);
}

const user* workspace::find_user(std::string_view id_or_name) const {
  if (!id_or_name.empty() && id_or_name.front() == '@') id_or_name.remove_prefix(1);
  for (const auto& u : users_) {
    if (u.id == id_or_name || u.name == id_or_name) return &u;
  }
  return nullptr;
}

const user* workspace::find_user_by_id(std::string_view id) const {
  for (const auto& u : users_) {
    if (u.id == id) return &u;
  }
  return nullptr;
}

std::string workspace::user_name(std::string_view id) const {
  const user* u = find_user(id);
  return u ? u->name : std::string(id);
}

channel* workspace::find_channel(std::string_view id_or_name) {
  if (!id_or_name.empty() && id_or_name.front() == '#') id_or_name.remove_prefix(1);
  for (auto& ch : channels_) {
    if (ch.id == id_or_name || (!ch.is_im() && ch.name == id_or_name)) return &ch;
  }
  return nullptr;
}

channel* workspace::find_channel_by_id(std::string_view id) {
  for (auto& ch : channels_) {
    if (ch.id == id) return &ch;
  }
  return nullptr;
}

channel& workspace::open_im(const user& person) {
  if (channel* existing = find_im(person.id)) return *existing;
  channel im{unique_channel_id("D0", person.name), "", ts_.now() / 1000000, {}, {}, {}, person.id};
  im.members = {team_.bot_user_id, person.id};
  channels_.push_back(std::move(im));
  return channels_.back();
}

channel* workspace::find_im(std::string_view user_id) {
  for (auto& ch : channels_) {
    if (ch.is_im() && ch.im_user == user_id) return &ch;
  }
  return nullptr;
}

message* workspace::find_message(channel& ch, std::string_view ts) {
  auto it = std::lower_bound(ch.messages.begin(), ch.messages.end(), ts,
                             [](const message& m, std::string_view t) { return m.ts < t; });
  return it != ch.messages.end() && it->ts == ts ? &*it : nullptr;
}

std::optional<std::string> workspace::add_user(user u, const std::vector<std::string>* channels) {
  if (u.name.empty()) return "a user needs a name";
  if (u.id.empty()) u.id = "U0" + upper_alnum(u.name);
  if (find_user(u.id) || find_user(u.name)) return "user exists: " + u.id;
  if (u.real_name.empty()) u.real_name = u.name;
  std::vector<channel*> joined;
  if (channels) {
    for (const auto& name : *channels) {
      channel* ch = find_channel(name);
      if (!ch || ch->is_im()) return "no such channel: " + name;
      joined.push_back(ch);
    }
  } else {
    // Everyone joins every channel; an IM stays between the bot and its one person.
    for (auto& ch : channels_) {
      if (!ch.is_im()) joined.push_back(&ch);
    }
  }
  for (channel* ch : joined) ch->members.insert(u.id);
  users_.push_back(std::move(u));
  return std::nullopt;
}

std::optional<std::string> workspace::add_channel(std::string name,
                                                  const std::vector<std::string>* members) {
  if (!name.empty() && name.front() == '#') name.erase(0, 1);
  if (!valid_channel_name(name)) return "invalid channel name: " + name;
  if (find_channel(name)) return "channel exists: " + name;
  channel ch{unique_channel_id("C0", name), name, ts_.now() / 1000000, {}, {}, {}, {}};
  if (members) {
    for (const auto& m : *members) {
      const user* u = find_user(m);
      if (!u) return "no such user: " + m;
      ch.members.insert(u->id);
    }
  } else {
    for (const auto& u : users_) ch.members.insert(u.id);
  }
  channels_.push_back(std::move(ch));
  return std::nullopt;
}

std::string workspace::unique_channel_id(std::string_view prefix, std::string_view name) const {
  std::string base = std::string(prefix) + upper_alnum(name);
  std::string id = base;
  for (int n = 2; std::any_of(channels_.begin(), channels_.end(),
                              [&](const channel& c) { return c.id == id; });
       ++n) {
    id = base + std::to_string(n);
  }
  return id;
}

message& workspace::append(channel& ch, message m) {
  m.ts = ts_.next();
  if (!m.thread_ts.empty()) {
    if (message* parent = find_message(ch, m.thread_ts)) parent->thread_ts = parent->ts;
  }
  ch.messages.push_back(std::move(m));
  return ch.messages.back();
}

std::vector<const message*> workspace::thread(const channel& ch, std::string_view parent_ts) const {
  std::vector<const message*> out;
  for (const auto& m : ch.messages) {
    if (m.deleted) continue;
    if (m.ts == parent_ts || (m.is_reply() && m.thread_ts == parent_ts)) out.push_back(&m);
  }
  return out;
}

thread_summary workspace::summarize_thread(const channel& ch, std::string_view parent_ts) const {
  thread_summary summary;
  for (const auto& m : ch.messages) {
    if (m.deleted || !m.is_reply() || m.thread_ts != parent_ts) continue;
    ++summary.reply_count;
    summary.latest_reply = m.ts;
    if (std::find(summary.reply_users.begin(), summary.reply_users.end(), m.user) ==
        summary.reply_users.end()) {
      summary.reply_users.push_back(m.user);
    }
  }
  return summary;
}

}  // namespace chatsim
