// Socket Mode connection management and Web API posting.
#include "bot/chat/slack/slack_platform.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/chat/slack/slack_render.hpp"
#include "bot/chat/slack/socket_mode_frames.hpp"
#include "bot/net/websocket_client.hpp"

namespace oncall {

namespace asio = boost::asio;

slack_platform::slack_platform(asio::any_io_executor executor, http_client& http,
                               const slack_config& cfg)
    : executor_(executor),
      api_(http, cfg.api_url, cfg.bot_token, cfg.app_token),
      signing_secret_(cfg.signing_secret) {}

slack_platform::~slack_platform() = default;

void slack_platform::stop() {
  stopping_ = true;
  if (current_) current_->close();
}

asio::awaitable<void> slack_platform::sleep(duration d) {
  asio::steady_timer timer(executor_, d);
  co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

asio::awaitable<std::shared_ptr<websocket_client>> slack_platform::open_socket() {
  // A fresh URL for every connection: tickets are single-use.
  auto opened = co_await api_.open_connection();
  if (!opened.ok) {
    spdlog::warn("slack: apps.connections.open failed: {}", opened.error);
    co_return nullptr;
  }
  std::string url = opened.body.value("url", "");
  std::string error;
  auto ws = co_await websocket_client::connect(executor_, url, {}, error);
  if (!ws) {
    spdlog::warn("slack: socket mode connection failed: {}", error);
    co_return nullptr;
  }
  count_socket_opened();
  co_return std::shared_ptr<websocket_client>(std::move(ws));
}

asio::awaitable<bool> slack_platform::identify() {
  auto me = co_await api_.call("auth.test", nlohmann::json::object());
  if (!me.ok) {
    if (me.error == "invalid_auth" || me.error == "not_authed" || me.error == "token_revoked") {
      spdlog::error("slack: the bot token was refused ({}); check chat.slack.bot_token (xoxb-…)", me.error);
    } else {
      spdlog::warn("slack: auth.test failed: {}", me.error);
    }
    co_return false;
  }
  bot_user_id_ = me.body.value("user_id", "");
  bot_id_ = me.body.value("bot_id", "");
  spdlog::info("slack: signed in as {} ({}) in {}", me.body.value("user", ""), bot_user_id_,
               me.body.value("team", ""));
  co_return true;
}

asio::awaitable<void> slack_platform::run(chat_events& events) {
  while (!stopping_ && !co_await identify()) co_await sleep(backoff_.next(rng_));
  backoff_.reset();
  while (!stopping_) {
    if (!current_) {
      current_ = co_await open_socket();
      if (!current_) {
        auto delay = backoff_.next(rng_);
        spdlog::info("slack: reconnecting in {}", format_duration(delay));
        co_await sleep(delay);
        continue;
      }
    }
    auto ended = co_await read_socket(current_, events);
    if (stopping_) break;
    if (ended == "refresh_requested" || ended == "warning") {
      // Open the replacement first, then let the old socket finish what it has.
      auto old = current_;
      auto next = co_await open_socket();
      if (next) {
        current_ = next;
        old->close();
        asio::co_spawn(executor_, drain_socket(old, events), asio::detached);
        continue;
      }
      continue;  // keep reading the old one; Slack drops it soon and we reconnect then
    }
    connected_ = false;
    gap_ = true;  // Slack gives up redelivering after a while: read the rooms back
    current_.reset();
    auto delay = ended == "link_disabled" ? duration{60'000} : backoff_.next(rng_);
    spdlog::warn("slack: socket ended ({}); reconnecting in {}", ended, format_duration(delay));
    co_await sleep(delay);
  }
  connected_ = false;
}

asio::awaitable<void> slack_platform::drain_socket(std::shared_ptr<websocket_client> ws,
                                                   chat_events& events) {
  while (auto text = co_await ws->read()) {
    auto frame = parse_socket_frame(*text);
    if (frame.type == socket_frame::kind::envelope) handle_envelope(*ws, frame, events);
  }
}

asio::awaitable<std::string> slack_platform::read_socket(std::shared_ptr<websocket_client> ws,
                                                         chat_events& events) {
  while (auto text = co_await ws->read()) {
    auto frame = parse_socket_frame(*text);
    switch (frame.type) {
      case socket_frame::kind::hello:
        connected_ = true;
        backoff_.reset();
        spdlog::info("slack: socket mode connected");
        if (gap_) {
          gap_ = false;
          asio::co_spawn(executor_, backfill(events), [](std::exception_ptr e) {
            if (e) spdlog::error("slack: back-fill of the incident rooms stopped by an error");
          });
        }
        break;
      case socket_frame::kind::disconnect:
        spdlog::info("slack: disconnect requested ({})", frame.disconnect_reason);
        if (frame.disconnect_reason == "link_disabled") {
          spdlog::error("slack: Socket Mode is turned off for this app; enable it in the app settings");
          ws->abort();
        }
        co_return frame.disconnect_reason;
      case socket_frame::kind::envelope:
        handle_envelope(*ws, frame, events);
        break;
      case socket_frame::kind::unknown:
        spdlog::debug("slack: ignoring a frame oncallbot does not know");
        break;
    }
  }
  co_return ws->last_error();
}

void slack_platform::handle_envelope(websocket_client& ws, const socket_frame& frame,
                                     chat_events& events) {
  spdlog::debug("slack: envelope {} ({})", frame.envelope_id, frame.envelope_type);
  if (frame.envelope_type == "slash_commands") {
    auto cmd = slack_command(frame.payload);
    if (!cmd) {
      spdlog::warn("slack: slash command envelope {} lacks user, channel or trigger_id", frame.envelope_id);
      ws.send(slack_ack(frame.envelope_id));
      return;
    }
    auto reply = events.on_command(*cmd);  // committed when it returns
    auto payload = slack_message_body(reply.message);
    payload["response_type"] = reply.in_channel ? "in_channel" : "ephemeral";
    ws.send(slack_ack(frame.envelope_id, payload));
    return;
  }
  if (frame.envelope_type == "interactive") {
    auto click = slack_click(frame.payload);
    std::optional<outbound_message> reply;
    if (click) reply = events.on_click(*click);
    ws.send(slack_ack(frame.envelope_id));
    if (reply && click) reply_to_click(*click, *reply);
    return;
  }
  if (frame.envelope_type == "events_api" && !handle_room_event(frame.payload, events)) return;
  ws.send(slack_ack(frame.envelope_id));
}

post_result slack_platform::to_post_result(const slack_api_result& r) const {
  post_result out;
  out.ok = r.ok;
  out.error = r.error;
  out.retry_after = r.retry_after;
  out.permanent = !r.ok && !r.transport_failure && !r.retry_after && slack_error_is_permanent(r.error);
  if (r.ok) {
    out.channel = r.body.value("channel", "");
    out.ref = r.body.value("ts", r.body.value("message_ts", ""));
  }
  return out;
}

asio::awaitable<post_result> slack_platform::post(const std::string& channel,
                                                  const outbound_message& m,
                                                  const std::string& thread_ref) {
  auto args = slack_message_body(m);
  args["channel"] = channel;
  if (!thread_ref.empty()) args["thread_ts"] = thread_ref;
  co_return to_post_result(co_await api_.call("chat.postMessage", args));
}

// Slack posts to the app's direct-message conversation with a user when chat.postMessage is
// given the user id as the channel; the answer names the D… channel it went to.
asio::awaitable<post_result> slack_platform::post_direct(const std::string& user,
                                                         const outbound_message& m) {
  co_return co_await post(user, m, "");
}

asio::awaitable<post_result> slack_platform::update(const std::string& channel,
                                                    const std::string& ref,
                                                    const outbound_message& m) {
  auto args = slack_message_body(m);
  args["channel"] = channel;
  args["ts"] = ref;
  co_return to_post_result(co_await api_.call("chat.update", args));
}

asio::awaitable<post_result> slack_platform::post_ephemeral(const std::string& channel,
                                                            const std::string& user,
                                                            const outbound_message& m) {
  auto args = slack_message_body(m);
  args["channel"] = channel;
  args["user"] = user;
  co_return to_post_result(co_await api_.call("chat.postEphemeral", args));
}

}  // namespace oncall
