// Role: implementation of the human-readable transcript.
#include "transcript.hpp"

#include <ctime>
#include <algorithm>
#include <sstream>
#include <vector>

#include "text_codec.hpp"

namespace chatsim {
namespace {

using lines = std::vector<std::string>;

std::string clock_time(const std::string& ts) {
  std::time_t seconds = static_cast<std::time_t>(parse_ts(ts).value_or(0) / 1000000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%H:%M:%S", &tm);
  return buffer;
}

std::string render_control(const workspace& ws, std::string_view inner) {
  auto bar = inner.find('|');
  std::string_view target = inner.substr(0, bar);
  std::string_view label = bar == std::string_view::npos ? "" : inner.substr(bar + 1);
  if (target.starts_with("@")) return "@" + ws.user_name(target.substr(1));
  if (target.starts_with("#")) {
    if (!label.empty()) return "#" + std::string(label);
    for (const auto& ch : ws.channels()) {
      if (ch.id == target.substr(1)) return "#" + ch.name;
    }
    return std::string(target);
  }
  if (target.starts_with("!")) {
    if (!label.empty()) return std::string(label);
    return "@" + std::string(target.substr(1));
  }
  return std::string(label.empty() ? target : label);
}

void split_into(const std::string& text, lines& out) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
}

std::string text_of(const workspace& ws, const nlohmann::json& object) {
  if (object.is_object() && object.contains("text")) {
    const auto& t = object["text"];
    if (t.is_string()) return render_mrkdwn(ws, t.get<std::string>());
    if (t.is_object()) return text_of(ws, t);
  }
  return {};
}

std::string button_row(const workspace& ws, const nlohmann::json& elements) {
  std::string row;
  for (const auto& e : elements) {
    std::string label = e.value("type", "") == "button" ? text_of(ws, e) : e.value("type", "");
    row += (row.empty() ? "[" : " [") + label + "]";
  }
  return row;
}

void render_block(const workspace& ws, const nlohmann::json& block, lines& out) {
  std::string type = block.value("type", "");
  if (type == "header" || type == "section") {
    split_into(text_of(ws, block), out);
    if (block.contains("fields") && block["fields"].is_array()) {
      std::string row;
      for (const auto& f : block["fields"]) row += (row.empty() ? "" : " | ") + text_of(ws, f);
      split_into(row, out);
    }
    if (block.contains("accessory")) out.push_back(button_row(ws, {block["accessory"]}));
  } else if (type == "context" && block.contains("elements")) {
    std::string row;
    for (const auto& e : block["elements"]) {
      std::string t = text_of(ws, e);
      if (!t.empty()) row += (row.empty() ? "" : " · ") + t;
    }
    out.push_back(row);
  } else if (type == "actions" && block.contains("elements")) {
    out.push_back(button_row(ws, block["elements"]));
  } else if (type == "divider") {
    out.push_back("────────");
  } else if (type == "image") {
    out.push_back("[image: " + block.value("alt_text", std::string()) + "]");
  }
}

void render_attachment(const workspace& ws, const nlohmann::json& a, lines& out) {
  lines inner;
  for (const char* key : {"pretext", "title", "text"}) {
    if (a.contains(key) && a[key].is_string()) split_into(render_mrkdwn(ws, a[key].get<std::string>()), inner);
  }
  if (a.contains("fields") && a["fields"].is_array()) {
    for (const auto& f : a["fields"]) {
      inner.push_back(f.value("title", std::string()) + ": " +
                      render_mrkdwn(ws, f.value("value", std::string())));
    }
  }
  for (auto& line : inner) out.push_back("▌ " + line);
}

lines render_content(const workspace& ws, const message_content& content) {
  lines out;
  if (content.blocks.is_array()) {
    for (const auto& block : content.blocks) {
      if (block.is_object()) render_block(ws, block, out);
    }
  }
  if (out.empty()) split_into(render_mrkdwn(ws, content.text), out);
  if (content.attachments.is_array()) {
    for (const auto& a : content.attachments) {
      if (a.is_object()) render_attachment(ws, a, out);
    }
  }
  if (out.empty()) out.push_back("");
  return out;
}

void render_message(const workspace& ws, const message& m, const std::string& indent,
                    const std::string& lead, std::ostringstream& out) {
  std::string head = indent + lead + "[" + clock_time(m.ts) + "] " + ws.user_name(m.user) + ": ";
  lines body = m.deleted ? lines{"(message deleted)"} : render_content(ws, m.content);
  std::string more(indent.size() + 4, ' ');
  out << head << body.front() << "\n";
  for (std::size_t i = 1; i < body.size(); ++i) out << more << body[i] << "\n";
  if (!m.edits.empty()) out << more << "(edited " << m.edits.size() << "x)\n";
  if (!m.reactions.empty()) {
    std::string row;
    for (const auto& r : m.reactions) {
      for (const auto& u : r.users) row += (row.empty() ? "" : ", ") + (":" + r.name + ": ") + ws.user_name(u);
    }
    out << more << "(reactions: " << row << ")\n";
  }
}

// A top-level line of a channel: a message (with its thread) or an ephemeral message.
struct channel_item {
  std::string ts;
  const message* posted = nullptr;
  const ephemeral_message* ephemeral = nullptr;
};

void render_channel(const workspace& ws, const channel& ch, std::ostringstream& out) {
  if (ch.is_im()) {
    out << "DM @" << ws.user_name(ch.im_user) << "\n";  // IMs have no name
  } else {
    out << "#" << ch.name << "\n";
  }
  std::vector<channel_item> items;
  for (const auto& m : ch.messages) {
    if (!m.is_reply() || m.subtype == "thread_broadcast") items.push_back({m.ts, &m, nullptr});
  }
  for (const auto& e : ch.ephemeral) items.push_back({e.ts, nullptr, &e});
  std::stable_sort(items.begin(), items.end(),
                   [](const channel_item& a, const channel_item& b) { return a.ts < b.ts; });
  for (const auto& item : items) {
    if (item.ephemeral) {
      const auto& e = *item.ephemeral;
      message shown{e.ts, e.from_user, e.content};
      render_message(ws, shown, "  ", "(only visible to " + ws.user_name(e.to_user) + ") ", out);
      continue;
    }
    const message& m = *item.posted;
    render_message(ws, m, "  ", "", out);
    if (m.is_reply()) continue;  // a broadcast reply: its thread is shown under the parent
    for (const auto& reply : ch.messages) {
      if (reply.is_reply() && reply.thread_ts == m.ts) render_message(ws, reply, "    ", "↳ ", out);
    }
  }
}

}  // namespace

std::string render_mrkdwn(const workspace& ws, std::string_view text) {
  std::string out;
  while (!text.empty()) {
    auto open = text.find('<');
    auto close = open == std::string_view::npos ? open : text.find('>', open);
    if (close == std::string_view::npos) {
      out += slack_unescape(text);
      break;
    }
    out += slack_unescape(text.substr(0, open));
    out += slack_unescape(render_control(ws, text.substr(open + 1, close - open - 1)));
    text.remove_prefix(close + 1);
  }
  return out;
}

std::string render_transcript(const workspace& ws) {
  std::ostringstream out;
  for (const auto& ch : ws.channels()) {
    render_channel(ws, ch, out);
    out << "\n";
  }
  return out.str();
}

}  // namespace chatsim
