// Role: implementation of the Mattermost workspace: seeding, lookups, appends and threads.
#include "mattermost_workspace.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

namespace chatsim {
namespace {

// Mattermost's ids are z-base-32 encoded random bytes.
constexpr std::string_view id_alphabet = "ybndrfg8ejkmcpqxot1uwisza345h769";

std::string capitalized(std::string name) {
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

std::string_view strip_sigil(std::string_view text, std::string_view sigils) {
  if (!text.empty() && sigils.find(text.front()) != std::string_view::npos) text.remove_prefix(1);
  return text;
}

}  // namespace

std::int64_t system_millis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string mm_seed_id(char kind, std::string_view name) {
  std::string id(1, kind);
  id += name;
  id.resize(26, '0');
  return id;
}

bool mm_valid_id(std::string_view id) {
  return id.size() == 26 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
           return std::islower(c) || std::isdigit(c);
         });
}

std::string mm_direct_name(std::string_view user_a, std::string_view user_b) {
  if (user_a > user_b) std::swap(user_a, user_b);
  return std::string(user_a) + "__" + std::string(user_b);
}

mm_workspace::mm_workspace(millis_clock clock)
    : clock_(std::move(clock)), rng_(std::random_device{}()) {
  std::int64_t now = clock_();
  team_ = {mm_seed_id('t', "ops"), "ops", "Ops", now};
  add_user("oncallbot", true);  // always users_.front()
  for (const char* name : {"alice", "bob", "carol", "dave", "eve"}) add_user(name, false);
  for (const char* name : {"alerts", "oncall", "general"}) add_channel(name);
}

void mm_workspace::add_user(std::string name, bool is_bot) {
  mm_user u;
  u.id = mm_seed_id('u', name);
  u.username = name;
  u.first_name = is_bot ? "" : capitalized(name);
  u.last_name = is_bot ? "" : "Sim";
  u.nickname = is_bot ? "On-call Bot" : "";
  u.email = name + "@ops.chatsim.local";
  u.roles = is_bot ? "system_user system_post_all" : "system_user";
  u.is_bot = is_bot;
  u.create_at = team_.create_at;
  users_.push_back(std::move(u));
}

void mm_workspace::add_channel(std::string name) {
  mm_channel ch;
  ch.id = mm_seed_id('c', name);
  ch.team_id = team_.id;
  ch.display_name = capitalized(name);
  ch.name = std::move(name);
  ch.creator_id = bot().id;
  ch.create_at = team_.create_at;
  for (const auto& u : users_) ch.members.insert(u.id);
  channels_.push_back(std::move(ch));
}

mm_channel& mm_workspace::create_channel(mm_channel ch) {
  ch.id = new_id();
  ch.create_at = now_millis();
  channels_.push_back(std::move(ch));
  return channels_.back();
}

const mm_user* mm_workspace::find_user(std::string_view id_or_name) const {
  id_or_name = strip_sigil(id_or_name, "@");
  for (const auto& u : users_) {
    if (u.id == id_or_name || u.username == id_or_name) return &u;
  }
  return nullptr;
}

std::string mm_workspace::username(std::string_view user_id) const {
  const mm_user* u = find_user(user_id);
  return u ? u->username : std::string(user_id);
}

mm_channel* mm_workspace::find_channel(std::string_view id_or_name) {
  id_or_name = strip_sigil(id_or_name, "~#");
  for (auto& ch : channels_) {
    if (ch.id == id_or_name || ch.name == id_or_name) return &ch;
  }
  return nullptr;
}

mm_channel* mm_workspace::channel_by_id(std::string_view id) {
  for (auto& ch : channels_) {
    if (ch.id == id) return &ch;
  }
  return nullptr;
}

mm_channel& mm_workspace::open_direct(const mm_user& first, const mm_user& second) {
  if (mm_channel* existing = find_direct(first.id, second.id)) return *existing;
  mm_channel ch;
  ch.id = new_id();
  ch.name = mm_direct_name(first.id, second.id);
  ch.type = "D";
  ch.creator_id = first.id;
  ch.create_at = now_millis();
  ch.members = {first.id, second.id};
  channels_.push_back(std::move(ch));
  return channels_.back();
}

mm_channel* mm_workspace::find_direct(std::string_view user_a, std::string_view user_b) {
  std::string name = mm_direct_name(user_a, user_b);
  for (auto& ch : channels_) {
    if (ch.type == "D" && ch.name == name) return &ch;
  }
  return nullptr;
}

const mm_channel* mm_workspace::channel_by_id(std::string_view id) const {
  return const_cast<mm_workspace*>(this)->channel_by_id(id);
}

mm_post* mm_workspace::find_post(std::string_view id) {
  auto it = posts_by_id_.find(std::string(id));
  return it == posts_by_id_.end() ? nullptr : it->second;
}

const mm_post* mm_workspace::find_post(std::string_view id) const {
  return const_cast<mm_workspace*>(this)->find_post(id);
}

mm_post& mm_workspace::append(mm_channel& ch, mm_post p) {
  if (p.id.empty()) p.id = new_id();  // a caller that attached files chose it already
  p.channel_id = ch.id;
  p.create_at = p.update_at = now_millis();
  ch.posts.push_back(std::move(p));
  mm_post& stored = ch.posts.back();
  posts_by_id_[stored.id] = &stored;
  return stored;
}

mm_ephemeral& mm_workspace::append_ephemeral(mm_channel& ch, mm_ephemeral e) {
  e.id = new_id();
  e.channel_id = ch.id;
  e.create_at = now_millis();
  ch.ephemeral.push_back(std::move(e));
  return ch.ephemeral.back();
}

std::vector<const mm_post*> mm_workspace::thread(std::string_view post_id) const {
  std::vector<const mm_post*> out;
  const mm_post* p = find_post(post_id);
  if (!p) return out;
  std::string root = p->root_id.empty() ? p->id : p->root_id;
  const mm_channel* ch = channel_by_id(p->channel_id);
  for (const auto& candidate : ch->posts) {
    if (!candidate.deleted() && (candidate.id == root || candidate.root_id == root)) {
      out.push_back(&candidate);
    }
  }
  return out;
}

std::pair<int, std::int64_t> mm_workspace::reply_stats(const mm_post& p) const {
  std::string root = p.root_id.empty() ? p.id : p.root_id;
  const mm_channel* ch = channel_by_id(p.channel_id);
  int count = 0;
  std::int64_t last = 0;
  for (const auto& candidate : ch->posts) {
    if (candidate.deleted() || candidate.root_id != root) continue;
    ++count;
    last = std::max(last, candidate.create_at);
  }
  return {count, last};
}

std::int64_t mm_workspace::now_millis() {
  last_millis_ = std::max(clock_(), last_millis_ + 1);
  return last_millis_;
}

std::string mm_workspace::new_id() {
  std::uniform_int_distribution<std::size_t> pick(0, id_alphabet.size() - 1);
  std::string id;
  for (int i = 0; i < 26; ++i) id += id_alphabet[pick(rng_)];
  return id;
}

}  // namespace chatsim
