// Role: implementation of the Mattermost transcript.
#include "mattermost_transcript.hpp"

#include <algorithm>
#include <ctime>
#include <sstream>

namespace chatsim {
namespace {

using nlohmann::json;
using lines = std::vector<std::string>;

std::string clock_time(std::int64_t millis) {
  std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%H:%M:%S", &tm);
  return buffer;
}

void split_into(const std::string& text, lines& out) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
}

std::string text_field(const json& object, const char* key) {
  return object.contains(key) && object[key].is_string() ? object[key].get<std::string>() : "";
}

void render_attachment(const json& a, lines& out) {
  lines inner;
  for (const char* key : {"pretext", "title", "text"}) split_into(text_field(a, key), inner);
  if (a.contains("fields") && a["fields"].is_array()) {
    for (const auto& f : a["fields"]) {
      if (f.is_object()) inner.push_back(text_field(f, "title") + ": " + text_field(f, "value"));
    }
  }
  for (auto& line : inner) out.push_back("▌ " + line);
  if (a.contains("actions") && a["actions"].is_array()) {
    std::string row;
    for (const auto& action : a["actions"]) {
      if (action.is_object()) row += (row.empty() ? "[" : " [") + text_field(action, "name") + "]";
    }
    if (!row.empty()) out.push_back(row);
  }
}

lines render_body(const std::string& message, const json& props) {
  lines out;
  split_into(message, out);
  if (props.is_object() && props.contains("attachments") && props["attachments"].is_array()) {
    for (const auto& a : props["attachments"]) {
      if (a.is_object()) render_attachment(a, out);
    }
  }
  if (out.empty()) out.push_back("");
  return out;
}

void render_lines(const std::string& head, const lines& body, std::size_t indent,
                  std::ostringstream& out) {
  std::string more(indent + 4, ' ');
  out << head << body.front() << "\n";
  for (std::size_t i = 1; i < body.size(); ++i) out << more << body[i] << "\n";
}

void render_post(const mm_workspace& ws, const mm_post& p, const std::string& indent,
                 const std::string& lead, std::ostringstream& out) {
  std::string head = indent + lead + "[" + clock_time(p.create_at) + "] " + ws.username(p.user_id) + ": ";
  lines body = p.deleted() ? lines{"(message deleted)"} : render_body(p.message, p.props);
  render_lines(head, body, indent.size(), out);
  std::string more(indent.size() + 4, ' ');
  if (!p.edits.empty() && !p.deleted()) out << more << "(edited)\n";
  if (!p.reactions.empty()) {
    std::string row;
    for (const auto& r : p.reactions) row += (row.empty() ? ":" : ", :") + r.emoji_name + ": " + ws.username(r.user_id);
    out << more << "(reactions: " << row << ")\n";
  }
}

// "~alerts"; a direct channel by its people instead of its "<id>__<id>" name: "DM @alice".
std::string heading(const mm_workspace& ws, const mm_channel& ch) {
  if (ch.type != "D") return "~" + ch.name;
  std::string people;
  for (const auto& id : ch.members) {
    if (id != ws.bot().id || ch.members.size() == 1) people += " @" + ws.username(id);
  }
  return "DM" + people;
}

void render_channel(const mm_workspace& ws, const mm_channel& ch, std::ostringstream& out) {
  out << heading(ws, ch) << "\n";
  struct item {
    std::int64_t at;
    const mm_post* post;
    const mm_ephemeral* ephemeral;
  };
  std::vector<item> items;
  for (const auto& p : ch.posts) {
    if (p.root_id.empty()) items.push_back({p.create_at, &p, nullptr});
  }
  for (const auto& e : ch.ephemeral) items.push_back({e.create_at, nullptr, &e});
  std::stable_sort(items.begin(), items.end(), [](const item& a, const item& b) { return a.at < b.at; });
  for (const auto& i : items) {
    if (i.ephemeral) {
      const auto& e = *i.ephemeral;
      std::string from = e.from_user.empty() ? "system" : ws.username(e.from_user);
      std::string head = "  (only visible to " + ws.username(e.to_user) + ") [" + clock_time(e.create_at) + "] " + from + ": ";
      render_lines(head, render_body(e.message, e.props), 2, out);
      continue;
    }
    render_post(ws, *i.post, "  ", "", out);
    for (const auto& reply : ch.posts) {
      if (reply.root_id == i.post->id) render_post(ws, reply, "    ", "↳ ", out);
    }
  }
}

}  // namespace

std::string render_mattermost_transcript(const mm_workspace& ws) {
  bool active = std::any_of(ws.channels().begin(), ws.channels().end(), [](const mm_channel& ch) {
    return !ch.posts.empty() || !ch.ephemeral.empty();
  });
  if (!active) return {};
  std::ostringstream out;
  out << "Mattermost (team " << ws.team().name << ")\n\n";
  for (const auto& ch : ws.channels()) {
    render_channel(ws, ch, out);
    out << "\n";
  }
  return out.str();
}

}  // namespace chatsim
