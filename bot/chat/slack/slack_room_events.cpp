// Slack message and reaction events into room events (protocols.md A4, A6).
#include "bot/chat/slack/slack_room_events.hpp"
#include "bot/chat/json_text.hpp"

#include <charconv>

#include "bot/chat/slack/slack_render.hpp"

namespace oncall {

namespace {

using nlohmann::json;

// One control sequence (what is between < and >) as plain text.
std::string plain_control(std::string_view inner) {
  std::string_view target = inner, label;
  if (auto bar = inner.find('|'); bar != std::string_view::npos) {
    target = inner.substr(0, bar);
    label = inner.substr(bar + 1);
  }
  std::string shown = slack_unescape(label.empty() ? target : label);
  if (target.starts_with("@")) return label.empty() ? shown : "@" + shown;
  if (target.starts_with("#")) return label.empty() ? shown : "#" + shown;
  if (target.starts_with("!")) {
    if (!label.empty()) return shown;  // <!subteam^S1|@ops>, <!date^…|fallback>
    return "@" + slack_unescape(target.substr(1));  // <!here>, <!channel>, <!everyone>
  }
  if (label.empty()) return shown;
  return shown + " (" + slack_unescape(target) + ")";
}

// Attached files as links after the text (Slack's file_share messages).
std::string with_files(std::string text, const json& message) {
  auto files = message.find("files");
  if (files == message.end() || !files->is_array()) return text;
  for (const auto& f : *files) {
    std::string name = json_string(f, "title");
    if (name.empty()) name = json_string(f, "name");
    std::string url = json_string(f, "permalink");
    if (url.empty()) url = json_string(f, "url_private");
    if (url.empty()) continue;
    if (!text.empty()) text += "\n";
    text += "[file: " + (name.empty() ? std::string("attachment") : name) + "] " + url;
  }
  return text;
}

bool has_pushpin(const json& message) {
  auto reactions = message.find("reactions");
  if (reactions == message.end() || !reactions->is_array()) return false;
  for (const auto& r : *reactions) {
    if (json_string(r, "name") == key_event_emoji) return true;
  }
  return false;
}

bool from_self(const json& message, const slack_self& self) {
  auto user = json_string(message, "user");
  auto bot = json_string(message, "bot_id");
  return (!self.user_id.empty() && user == self.user_id) || (!self.bot_id.empty() && bot == self.bot_id);
}

// Messages somebody wrote; everything else (joins, topic, pins, …) is not timeline material.
bool written_by_someone(const std::string& subtype) {
  return subtype.empty() || subtype == "thread_broadcast" || subtype == "file_share" ||
         subtype == "bot_message" || subtype == "me_message";
}

std::optional<room_event> reaction_event(const json& event, const std::string& type) {
  if (json_string(event, "reaction") != key_event_emoji) return std::nullopt;
  auto item = event.find("item");
  if (item == event.end() || json_string(*item, "type") != "message") return std::nullopt;
  room_event ev;
  ev.what = type == "reaction_added" ? room_event::kind::pinned : room_event::kind::unpinned;
  ev.channel = json_string(*item, "channel");
  ev.message.ref = json_string(*item, "ts");
  ev.message.user = json_string(event, "user");
  if (auto at = slack_ts_time(json_string(event, "event_ts"))) ev.message.at = *at;
  if (ev.channel.empty() || ev.message.ref.empty()) return std::nullopt;
  return ev;
}

std::optional<room_event> message_event(const json& event, const slack_self& self) {
  auto subtype = json_string(event, "subtype");
  room_event ev;
  ev.channel = json_string(event, "channel");
  if (subtype == "message_deleted") {
    const json& previous = event.contains("previous_message") ? event["previous_message"] : json::object();
    if (from_self(previous, self)) return std::nullopt;
    ev.what = room_event::kind::deleted;
    ev.message.ref = json_string(event, "deleted_ts");
    ev.thread_ref = json_string(previous, "thread_ts");
  } else if (subtype == "message_changed") {
    const json& now = event.contains("message") ? event["message"] : json::object();
    if (json_string(now, "subtype") == "tombstone") {
      // A deleted message that had replies stays as a tombstone: for the timeline it is gone.
      ev.what = room_event::kind::deleted;
      ev.message.ref = json_string(now, "ts");
      ev.thread_ref = json_string(now, "thread_ts");
    } else {
      auto m = slack_room_message(now, self);
      if (!m) return std::nullopt;
      ev.what = room_event::kind::edited;
      ev.message = *m;
      ev.thread_ref = json_string(now, "thread_ts");
    }
  } else {
    if (event.value("hidden", false)) return std::nullopt;
    auto m = slack_room_message(event, self);
    if (!m) return std::nullopt;
    ev.what = room_event::kind::posted;
    ev.message = *m;
    ev.thread_ref = json_string(event, "thread_ts");
  }
  if (ev.channel.empty() || ev.message.ref.empty()) return std::nullopt;
  return ev;
}

}  // namespace

std::optional<time_point> slack_ts_time(std::string_view ts) {
  auto dot = ts.find('.');
  std::string_view whole = ts.substr(0, dot);
  std::int64_t seconds = 0;
  auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), seconds);
  if (ec != std::errc{} || end != whole.data() + whole.size() || whole.empty()) return std::nullopt;
  std::int64_t millis = 0;
  if (dot != std::string_view::npos) {
    std::string_view fraction = ts.substr(dot + 1);
    for (std::size_t i = 0; i < fraction.size(); ++i) {
      if (fraction[i] < '0' || fraction[i] > '9') return std::nullopt;
      if (i < 3) millis = millis * 10 + (fraction[i] - '0');
    }
    for (std::size_t i = fraction.size(); i < 3; ++i) millis *= 10;
  }
  return from_millis(seconds * 1000 + millis);
}

std::string slack_plain_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    auto open = text.find('<');
    auto close = open == std::string_view::npos ? open : text.find('>', open);
    if (close == std::string_view::npos) {
      out += slack_unescape(text);
      break;
    }
    out += slack_unescape(text.substr(0, open));
    out += plain_control(text.substr(open + 1, close - open - 1));
    text.remove_prefix(close + 1);
  }
  return out;
}

std::optional<room_message> slack_room_message(const json& message, const slack_self& self) {
  if (!message.is_object() || from_self(message, self)) return std::nullopt;
  if (!written_by_someone(json_string(message, "subtype"))) return std::nullopt;
  room_message m;
  m.ref = json_string(message, "ts");
  m.user = json_string(message, "user");
  // Legacy integrations (subtype bot_message) have no user, only a name or a bot id.
  if (m.user.empty()) m.user = json_string(message, "username");
  if (m.user.empty()) m.user = json_string(message, "bot_id");
  auto at = slack_ts_time(m.ref);
  if (!at || m.user.empty()) return std::nullopt;
  m.at = *at;
  m.text = with_files(slack_plain_text(json_string(message, "text")), message);
  m.pinned = has_pushpin(message);
  return m;
}

std::optional<room_event> slack_room_event(const json& payload, const slack_self& self) {
  if (!payload.is_object() || json_string(payload, "type") != "event_callback") return std::nullopt;
  auto event = payload.find("event");
  if (event == payload.end() || !event->is_object()) return std::nullopt;
  auto type = json_string(*event, "type");
  std::optional<room_event> ev;
  if (type == "message") {
    ev = message_event(*event, self);
  } else if (type == "reaction_added" || type == "reaction_removed") {
    ev = reaction_event(*event, type);
  }
  if (!ev) return std::nullopt;
  // event_id is the same on every redelivery of the event (the envelope id is not).
  auto event_id = json_string(payload, "event_id");
  ev->delivery_id = "slack-event:" + (event_id.empty() ? type + ":" + ev->channel + ":" + ev->message.ref +
                                                             ":" + json_string(*event, "event_ts")
                                                       : event_id);
  return ev;
}

}  // namespace oncall
