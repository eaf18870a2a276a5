// Incident rooms on Mattermost: post, edit, delete and reaction events into the timeline as
// they come, and after a new websocket session (start, events missed) each open incident's
// thread read back with GET /posts/{id}/thread, so nothing said meanwhile is lost or doubled.
#include <spdlog/spdlog.h>

#include <set>

#include "bot/chat/mattermost/mattermost_platform.hpp"
#include "bot/chat/mattermost/mattermost_room_events.hpp"
#include "bot/net/url.hpp"

namespace oncall {

namespace asio = boost::asio;

asio::awaitable<void> mattermost_platform::handle_room_event(const nlohmann::json& frame,
                                                             chat_events& events) {
  auto own = co_await api_.own_user_id();
  if (own.empty()) {
    // Without it the bot's own posts would look like people's.
    spdlog::warn("mattermost: the bot's own user is unknown (GET /users/me failed); {} not recorded",
                 frame.value("event", ""));
    co_return;
  }
  auto ev = mattermost_room_event(frame, {own, api_.server_url(), connection_id_});
  if (!ev) co_return;
  bool about_a_post = ev->what != room_event::kind::pinned && ev->what != room_event::kind::unpinned;
  // Top-level posts count too: in an incident's dedicated channel they are its room.
  if (about_a_post) {
    // people[].mattermost names usernames; an unknown id stays as it is.
    auto name = co_await api_.username(ev->message.user);
    if (!name.empty()) ev->message.user = name;
  }
  try {
    events.on_room_event(*ev);  // committed when it returns
  } catch (const std::exception& e) {
    spdlog::error("mattermost: {} not recorded: {}", ev->delivery_id, e.what());
  }
}

asio::awaitable<std::optional<std::vector<nlohmann::json>>> mattermost_platform::read_room(const room_ref& room) {
  if (!room.thread_ref.empty()) {
    auto thread = co_await api_.request("GET", "/posts/" + url_encode(room.thread_ref) + "/thread");
    if (!thread.ok()) {
      spdlog::warn("mattermost: cannot read the room of incident #{} back: {}", room.incident_id, thread.error);
      co_return std::nullopt;
    }
    co_return mattermost_thread_replies(thread.body, room.thread_ref);
  }
  // A dedicated channel: all of it, a page of 200 at a time (newest first).
  constexpr int per_page = 200;
  std::vector<nlohmann::json> out;
  std::set<std::string> seen;
  for (int page = 0; !stopping_; ++page) {
    auto list = co_await api_.request("GET", "/channels/" + url_encode(room.channel) + "/posts?per_page=" +
                                                 std::to_string(per_page) + "&page=" + std::to_string(page));
    if (!list.ok()) {
      spdlog::warn("mattermost: cannot read the channel of incident #{} back: {}", room.incident_id, list.error);
      co_return std::nullopt;
    }
    // A page also carries the roots of its replies: each post once.
    for (auto& post : mattermost_live_posts(list.body)) {
      if (seen.insert(post.value("id", "")).second) out.push_back(std::move(post));
    }
    if (list.body.value("order", nlohmann::json::array()).size() < static_cast<std::size_t>(per_page)) co_return out;
  }
  co_return std::nullopt;
}

asio::awaitable<void> mattermost_platform::backfill(chat_events& events) {
  auto own = co_await api_.own_user_id();
  if (own.empty()) {
    spdlog::warn("mattermost: no back-fill: the bot's own user is unknown (GET /users/me failed)");
    co_return;
  }
  mattermost_room_context ctx{own, api_.server_url(), connection_id_};
  auto rooms = events.open_rooms();
  if (!rooms.empty()) spdlog::info("mattermost: reading {} incident room(s) back", rooms.size());
  for (const auto& room : rooms) {
    if (stopping_) break;
    auto posts = co_await read_room(room);
    if (!posts) continue;
    std::vector<room_message> messages;
    for (const auto& post : *posts) {
      auto m = mattermost_room_message(post, ctx);
      if (!m) continue;
      auto name = co_await api_.username(m->user);
      if (!name.empty()) m->user = name;
      messages.push_back(std::move(*m));
    }
    try {
      events.on_room_history(room, messages, true);
    } catch (const std::exception& e) {
      spdlog::error("mattermost: back-fill of incident #{} failed: {}", room.incident_id, e.what());
    }
  }
}

}  // namespace oncall
