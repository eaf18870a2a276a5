// Role: the Mattermost dialect's own state beside the shared sim_context: its workspace, the
// websocket event hub and sockets, the REST rate limiter, slash commands and response_urls,
// and the token check every entry point uses.
#pragma once

#include <string>
#include <string_view>

#include "mattermost_commands.hpp"
#include "mattermost_files.hpp"
#include "mattermost_hub.hpp"
#include "mattermost_rate_limit.hpp"
#include "mattermost_websocket.hpp"
#include "mattermost_workspace.hpp"
#include "sim_context.hpp"

namespace chatsim {

// "Bearer <token>" or "Token <token>" (either case, as Mattermost accepts); "" otherwise.
std::string mm_bearer_token(std::string_view authorization);

struct mattermost_state {
  explicit mattermost_state(sim_context& context)
      : ctx(context),
        hub(ws, context.stats),
        sockets(*this),
        limiter(context.options.mattermost_per_sec, context.options.mattermost_burst) {}

  // The bot user for the bot's personal access token; nullptr for any other token.
  const mm_user* user_for_token(std::string_view token) const {
    return !token.empty() && token == ctx.options.mattermost_token ? &ws.bot() : nullptr;
  }

  sim_context& ctx;
  mm_workspace ws;
  mm_event_hub hub;
  mm_socket_server sockets;
  mm_rate_limiter limiter;
  mm_command_book commands;
  mm_hook_book hooks;
  mm_file_book files;
};

}  // namespace chatsim
