// Role: implementation of REST dispatch: the route table, AppError replies, faults, the GCRA
// rate limit (429 with a plain-text body) and Bearer/Token authentication.
#include "mattermost_rest.hpp"

#include <array>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "control_support.hpp"
#include "mattermost_files.hpp"
#include "mattermost_json.hpp"
#include "mattermost_rest_calls.hpp"
#include "mattermost_state.hpp"
#include "text_codec.hpp"

namespace chatsim {
namespace {

namespace asio = boost::asio;
using nlohmann::json;

struct mm_route {
  std::string_view method;
  std::string_view pattern;  // after /api/v4; {name} matches one segment
  mm_rest_handler run;
};

// Literal routes come before the parameterised ones they would otherwise match.
constexpr std::array<mm_route, 20> routes{{
    {"GET", "/users/me", mm_get_me},
    {"GET", "/users/username/{username}", mm_get_user_by_username},
    {"GET", "/users/{user_id}", mm_get_user},
    {"GET", "/teams/name/{team_name}", mm_get_team_by_name},
    {"GET", "/teams/name/{team_name}/channels/name/{channel_name}", mm_get_channel_by_name},
    {"POST", "/channels/direct", mm_create_direct_channel},
    {"POST", "/channels", mm_create_channel},
    {"POST", "/channels/{channel_id}/members", mm_add_channel_member},
    {"GET", "/channels/{channel_id}", mm_get_channel},
    {"GET", "/channels/{channel_id}/posts", mm_get_channel_posts},
    {"POST", "/posts", mm_create_post},
    {"POST", "/posts/ephemeral", mm_create_ephemeral},
    {"GET", "/posts/{post_id}", mm_get_post},
    {"PUT", "/posts/{post_id}", mm_update_post},
    {"DELETE", "/posts/{post_id}", mm_delete_post},
    {"PUT", "/posts/{post_id}/patch", mm_patch_post},
    {"GET", "/posts/{post_id}/thread", mm_get_thread},
    {"POST", "/reactions", mm_save_reaction},
    {"POST", "/files", mm_upload_files},
    {"DELETE", "/users/{user_id}/posts/{post_id}/reactions/{emoji_name}", mm_delete_reaction},
}};

// The route and its parameters, or nullptr.
const mm_route* match(const http_request& request, std::vector<std::string>& params) {
  auto segments = path_segments(request.path);  // {"api", "v4", …}
  for (const auto& route : routes) {
    if (route.method != request.method) continue;
    auto pattern = path_segments(route.pattern);
    if (pattern.size() + 2 != segments.size()) continue;
    params.clear();
    bool same = true;
    for (std::size_t i = 0; i < pattern.size() && same; ++i) {
      const std::string& actual = segments[i + 2];
      if (pattern[i].starts_with("{")) {
        params.push_back(actual);
      } else {
        same = pattern[i] == actual;
      }
    }
    if (same) return &route;
  }
  return nullptr;
}

http_reply app_error(int status, std::string_view id, std::string_view message,
                     const std::string& request_id) {
  return json_reply(mm_error_json(id, message, status, request_id), status);
}

// Headers Mattermost's own handler adds to every answer it writes. Its Content-Type is exactly
// "application/json" (Client4 compares it with === before parsing a body).
http_reply stamped(http_reply reply, const std::string& request_id) {
  if (reply.content_type.starts_with("application/json")) reply.content_type = "application/json";
  reply.headers.emplace_back("X-Request-Id", request_id);
  reply.headers.emplace_back("X-Version-Id", std::string(mm_server_version));
  return reply;
}

// Mattermost answers a refusal with http.Error: plain text, not the AppError object.
http_reply limit_exceeded(const mm_limit_result& limit) {
  http_reply reply = text_reply("limit exceeded\n", 429);
  reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
  reply.headers.emplace_back("Retry-After", std::to_string(limit.retry_after));
  return reply;
}

void add_limit_headers(http_reply& reply, const mm_limit_result& limit) {
  reply.headers.emplace_back("X-Ratelimit-Limit", std::to_string(limit.limit));
  reply.headers.emplace_back("X-Ratelimit-Remaining", std::to_string(limit.remaining));
  reply.headers.emplace_back("X-Ratelimit-Reset", std::to_string(limit.reset_after));
}

std::string request_token(const http_request& request) {
  std::string token = mm_bearer_token(request.header("authorization"));
  if (!token.empty()) return token;
  for (const auto& [name, value] : parse_form(request.query)) {
    if (name == "access_token") return value;
  }
  return {};
}

// The id and name of the channel a post names (`channel_id` of the JSON body), for faults
// limited to one channel.
std::vector<std::string> mm_request_channel_names(mm_workspace& ws, const http_request& request) {
  auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (!body.is_object() || !body.contains("channel_id") || !body["channel_id"].is_string()) return {};
  const auto id = body["channel_id"].get<std::string>();
  if (const mm_channel* c = ws.find_channel(id)) return {c->id, c->name};
  return {id};
}

}  // namespace

std::string mm_bearer_token(std::string_view authorization) {
  for (std::string_view scheme : {"bearer ", "token "}) {
    if (to_lower(authorization.substr(0, scheme.size())) == scheme) {
      return std::string(authorization.substr(scheme.size()));
    }
  }
  return {};
}

asio::awaitable<http_reply> mattermost_rest::handle(const http_request& request) {
  sim_context& ctx = mm_.ctx;
  std::string request_id = mm_.ws.new_id();
  std::vector<std::string> params;
  const mm_route* route = match(request, params);
  if (!route) {
    ++ctx.stats.mattermost_api_calls["unknown"];
    co_return stamped(app_error(404, "api.context.404.app_error",
                                "Sorry, we could not find the page.", request_id),
                      request_id);
  }
  std::string name = std::string(route->method) + " /api/v4" + std::string(route->pattern);
  ++ctx.stats.mattermost_api_calls[name];
  if (auto f = ctx.faults.take(name, mm_request_channel_names(mm_.ws, request))) {
    ++ctx.stats.faults_applied;
    switch (f->mode) {
      case fault_mode::hang: {
        http_reply held;
        held.hold = true;
        co_return held;
      }
      case fault_mode::error500:
        co_return stamped(app_error(500, "app.chatsim.injected_fault.app_error",
                                    "Injected fault: internal server error.", request_id),
                          request_id);
      case fault_mode::ratelimit: {
        ++ctx.stats.mattermost_rate_limited;
        mm_limit_result limit{true, 0, 0, 1, 1};
        http_reply reply = limit_exceeded(limit);
        add_limit_headers(reply, limit);
        co_return reply;
      }
      case fault_mode::slow: {
        asio::steady_timer delay(ctx.executor, f->delay);
        co_await delay.async_wait(asio::as_tuple(asio::use_awaitable));
        break;
      }
    }
  }
  std::string token = request_token(request);
  std::optional<mm_limit_result> limit;
  if (ctx.options.mattermost_rate_limit) {
    limit = mm_.limiter.take(token, std::chrono::steady_clock::now());
    if (limit->limited) {
      ++ctx.stats.mattermost_rate_limited;
      http_reply reply = limit_exceeded(*limit);
      add_limit_headers(reply, *limit);
      co_return reply;
    }
  }
  http_reply reply;
  if (const mm_user* caller = mm_.user_for_token(token)) {
    mm_rest_call call{mm_, request, std::move(params), *caller, request_id};
    reply = route->run(call);
  } else {
    reply = app_error(401, "api.context.session_expired.app_error",
                      "Invalid or expired session, please login again.", request_id);
  }
  if (limit) add_limit_headers(reply, *limit);
  co_return stamped(std::move(reply), request_id);
}

// ---- mm_rest_call ----

std::optional<std::string> mm_rest_call::query(std::string_view name) const {
  for (const auto& [key, value] : parse_form(request.query)) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::optional<json> mm_rest_call::body_object() const {
  auto body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return std::nullopt;
  return body;
}

http_reply mm_rest_call::error(int status, std::string_view id, std::string_view message) const {
  return app_error(status, id, message, request_id);
}

http_reply mm_rest_call::invalid_url_param(std::string_view name) const {
  return error(400, "api.context.invalid_url_param.app_error",
               "Invalid or missing " + std::string(name) + " parameter in request URL.");
}

http_reply mm_rest_call::invalid_body_param(std::string_view name) const {
  return error(400, "api.context.invalid_body_param.app_error",
               "Invalid or missing " + std::string(name) + " in request body.");
}

http_reply mm_rest_call::forbidden() const {
  return error(403, "api.context.permissions.app_error",
               "You do not have the appropriate permissions.");
}

}  // namespace chatsim
