// Role: implementation of Web API dispatch: the method table, token checks and fault handling.
#include "slack_web_api.hpp"

#include <array>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "slack_methods.hpp"
#include "slack_state.hpp"
#include "slack_web_args.hpp"

namespace chatsim {
namespace {

namespace asio = boost::asio;

enum class token_kind { bot, app };

struct method_spec {
  std::string_view name;
  token_kind token;
  http_reply (*run)(api_call&);
};

constexpr std::array<method_spec, 18> methods{{
    {"apps.connections.open", token_kind::app, apps_connections_open},
    {"auth.test", token_kind::bot, auth_test},
    {"chat.postMessage", token_kind::bot, chat_post_message},
    {"chat.update", token_kind::bot, chat_update},
    {"chat.postEphemeral", token_kind::bot, chat_post_ephemeral},
    {"chat.delete", token_kind::bot, chat_delete},
    {"reactions.add", token_kind::bot, reactions_add},
    {"conversations.history", token_kind::bot, conversations_history},
    {"conversations.replies", token_kind::bot, conversations_replies},
    {"conversations.info", token_kind::bot, conversations_info},
    {"conversations.list", token_kind::bot, conversations_list},
    {"conversations.join", token_kind::bot, conversations_join},
    {"conversations.create", token_kind::bot, conversations_create},
    {"conversations.invite", token_kind::bot, conversations_invite},
    {"conversations.open", token_kind::bot, conversations_open},
    {"users.info", token_kind::bot, users_info},
    {"files.getUploadURLExternal", token_kind::bot, files_get_upload_url_external},
    {"files.completeUploadExternal", token_kind::bot, files_complete_upload_external},
}};

const method_spec* find_method(std::string_view name) {
  for (const auto& spec : methods) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

// Empty when the token fits the method.
std::optional<std::string> token_error(const sim_options& options, token_kind wanted,
                                       const std::string& token) {
  if (token.empty()) return "not_authed";
  const std::string& right = wanted == token_kind::bot ? options.slack_bot_token
                                                       : options.slack_app_token;
  const std::string& other = wanted == token_kind::bot ? options.slack_app_token
                                                       : options.slack_bot_token;
  if (token == right) return std::nullopt;
  if (token == other) return "not_allowed_token_type";
  return "invalid_auth";
}

// The id and name of the channel a call names, for faults limited to one channel.
std::vector<std::string> request_channel_names(workspace& ws, const http_request& request) {
  auto named = arg_string(parse_web_args(request).values, "channel");
  if (!named) return {};
  std::string wanted = !named->empty() && named->front() == '#' ? named->substr(1) : *named;
  if (const channel* c = ws.find_channel(wanted)) return {c->id, c->name};
  return {wanted};
}

}  // namespace

asio::awaitable<http_reply> slack_web_api::handle(const http_request& request) {
  sim_context& ctx = slack_.ctx;
  std::string method = request.path.substr(std::string_view("/api/").size());
  ++ctx.stats.api_calls[method];
  if (auto f = ctx.faults.take(method, request_channel_names(ctx.ws, request))) {
    ++ctx.stats.faults_applied;
    switch (f->mode) {
      case fault_mode::hang: {
        http_reply held;
        held.hold = true;
        co_return held;
      }
      case fault_mode::error500:
        co_return json_reply({{"ok", false}, {"error", "internal_error"}}, 500);
      case fault_mode::ratelimit:
        ++ctx.stats.rate_limited;
        co_return slack_ratelimited(1);
      case fault_mode::slow: {
        asio::steady_timer delay(ctx.executor, f->delay);
        co_await delay.async_wait(asio::as_tuple(asio::use_awaitable));
        break;
      }
    }
  }
  co_return call(request, method);
}

http_reply slack_web_api::call(const http_request& request, const std::string& method) {
  const method_spec* spec = find_method(method);
  if (!spec) return json_reply({{"ok", false}, {"error", "unknown_method"}, {"req_method", method}});
  web_args args = parse_web_args(request);
  if (auto error = token_error(slack_.ctx.options, spec->token, args.token)) {
    return slack_error(*error);
  }
  if (!args.error.empty()) return slack_error(args.error);
  api_call c{slack_, args.values};
  return spec->run(c);
}

}  // namespace chatsim
