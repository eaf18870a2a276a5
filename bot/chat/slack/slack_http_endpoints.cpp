// Slack HTTP mode on the bot's HTTP server: the same commands and clicks as Socket Mode, verified
// by the signing secret before anything is parsed or applied.
#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <chrono>

#include "bot/chat/slack/slack_http_mode.hpp"
#include "bot/chat/slack/slack_platform.hpp"
#include "bot/chat/slack/slack_render.hpp"
#include "bot/chat/slack/socket_mode_frames.hpp"

namespace oncall {

namespace asio = boost::asio;

namespace {

outbound_http http_error(int status, const std::string& message) {
  return {status, nlohmann::json{{"error", message}}.dump()};
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::vector<std::string> slack_platform::http_paths() const {
  return {slack_command_path, slack_action_path};
}

void slack_platform::reply_to_click(const inbound_click& click, const outbound_message& m) {
  asio::co_spawn(executor_, [this, c = click, m]() -> asio::awaitable<void> {
    auto r = co_await post_ephemeral(c.channel, c.user, m);
    if (!r.ok) spdlog::warn("slack: ephemeral reply to a click failed: {}", r.error);
  }, asio::detached);
}

asio::awaitable<outbound_http> slack_platform::handle_http(const inbound_http& request,
                                                           chat_events& events) {
  auto verified = verify_slack_request(request, signing_secret_, unix_now());
  if (!verified) {
    spdlog::warn("slack: refused {}: {}", request.path, verified.err().message);
    co_return http_error(401, verified.err().message);
  }
  if (request.path == slack_command_path) co_return co_await handle_http_command(request, events);
  if (request.path == slack_action_path) co_return co_await handle_http_action(request, events);
  co_return http_error(404, "no such endpoint");
}

asio::awaitable<outbound_http> slack_platform::handle_http_command(const inbound_http& request,
                                                                   chat_events& events) {
  auto cmd = slack_command(slack_form_payload(request.body));
  if (!cmd) co_return http_error(400, "the slash command lacks user_id, channel_id or trigger_id");
  auto reply = events.on_command(*cmd);  // committed when it returns
  auto body = slack_message_body(reply.message);
  body["response_type"] = reply.in_channel ? "in_channel" : "ephemeral";
  co_return outbound_http{200, body.dump()};
}

asio::awaitable<outbound_http> slack_platform::handle_http_action(const inbound_http& request,
                                                                  chat_events& events) {
  auto payload = slack_action_payload(request.body);
  if (!payload) co_return http_error(400, "the interaction lacks a JSON payload field");
  auto click = slack_click(*payload);
  if (!click) co_return outbound_http{200, ""};  // an interaction oncallbot does not handle
  auto reply = events.on_click(*click);  // committed when it returns
  if (reply) reply_to_click(*click, *reply);
  co_return outbound_http{200, ""};
}

}  // namespace oncall
