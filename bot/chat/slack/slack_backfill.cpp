// Incident rooms on Slack: message and reaction events into the timeline as they come, and
// after a gap the rooms read back with conversations.replies, so that what was said while the
// bot was away is in the timeline too, once (the engine compares by message ts).
#include <spdlog/spdlog.h>

#include <boost/asio/use_awaitable.hpp>

#include "bot/chat/slack/slack_platform.hpp"
#include "bot/chat/slack/slack_room_events.hpp"

namespace oncall {

namespace asio = boost::asio;

namespace {

// conversations.replies pages: Slack allows up to 1000; 15 for some apps since 2025 (Tier 1).
constexpr int replies_page = 200;
constexpr int rate_limit_retries = 5;

}  // namespace

bool slack_platform::handle_room_event(const nlohmann::json& payload, chat_events& events) {
  auto ev = slack_room_event(payload, {bot_user_id_, bot_id_});
  if (!ev) return true;  // not timeline material: ack it
  try {
    events.on_room_event(*ev);  // committed when it returns
    return true;
  } catch (const std::exception& e) {
    spdlog::error("slack: event {} not recorded ({}); leaving it unacked so Slack sends it again",
                  ev->delivery_id, e.what());
    return false;
  }
}

asio::awaitable<std::optional<std::vector<room_message>>> slack_platform::read_thread(const room_ref& room) {
  if (room.thread_ref.empty()) co_return co_await read_channel(room);
  std::vector<room_message> out;
  std::string cursor;
  int retries = 0;
  while (!stopping_) {
    nlohmann::json args = {{"channel", room.channel}, {"ts", room.thread_ref}, {"limit", replies_page}};
    if (!cursor.empty()) args["cursor"] = cursor;
    auto page = co_await api_.call_form("conversations.replies", args);
    if (!page.ok) {
      if (page.retry_after && ++retries <= rate_limit_retries) {
        co_await sleep(*page.retry_after);
        continue;
      }
      spdlog::warn("slack: cannot read the room of incident #{} back (conversations.replies: {})",
                   room.incident_id, page.error);
      co_return std::nullopt;
    }
    for (const auto& message : page.body.value("messages", nlohmann::json::array())) {
      // The parent is the announcement; its replies are the room.
      if (message.value("ts", "") == room.thread_ref) continue;
      if (auto m = slack_room_message(message, {bot_user_id_, bot_id_})) out.push_back(std::move(*m));
    }
    cursor = page.body.value("response_metadata", nlohmann::json::object()).value("next_cursor", "");
    if (cursor.empty()) co_return out;
  }
  co_return std::nullopt;  // stopped before the end
}

// A dedicated channel: its history (top level), and the threads in it.
asio::awaitable<std::optional<std::vector<room_message>>> slack_platform::read_channel(const room_ref& room) {
  std::vector<room_message> out;
  std::vector<std::string> threads;
  std::string cursor;
  int retries = 0;
  while (!stopping_) {
    nlohmann::json args = {{"channel", room.channel}, {"limit", replies_page}};
    if (!cursor.empty()) args["cursor"] = cursor;
    auto page = co_await api_.call_form("conversations.history", args);
    if (!page.ok) {
      if (page.retry_after && ++retries <= rate_limit_retries) {
        co_await sleep(*page.retry_after);
        continue;
      }
      spdlog::warn("slack: cannot read the channel of incident #{} back (conversations.history: {})",
                   room.incident_id, page.error);
      co_return std::nullopt;
    }
    for (const auto& message : page.body.value("messages", nlohmann::json::array())) {
      if (message.value("reply_count", 0) > 0) threads.push_back(message.value("ts", ""));
      if (auto m = slack_room_message(message, {bot_user_id_, bot_id_})) out.push_back(std::move(*m));
    }
    cursor = page.body.value("response_metadata", nlohmann::json::object()).value("next_cursor", "");
    if (cursor.empty()) break;
  }
  if (stopping_) co_return std::nullopt;
  for (const auto& ts : threads) {
    const room_ref thread{room.incident_id, room.channel, ts};  // named: see outbox.cpp (GCC 12)
    auto replies = co_await read_thread(thread);
    if (!replies) co_return std::nullopt;  // an incomplete history must not look like deletions
    out.insert(out.end(), replies->begin(), replies->end());
  }
  co_return out;
}

asio::awaitable<void> slack_platform::backfill(chat_events& events) {
  auto rooms = events.open_rooms();
  if (!rooms.empty()) spdlog::info("slack: reading {} incident room(s) back after a gap", rooms.size());
  for (const auto& room : rooms) {
    if (stopping_) break;
    auto messages = co_await read_thread(room);
    if (!messages) continue;
    try {
      events.on_room_history(room, *messages, true);
    } catch (const std::exception& e) {
      spdlog::error("slack: back-fill of incident #{} failed: {}", room.incident_id, e.what());
    }
  }
}

}  // namespace oncall
