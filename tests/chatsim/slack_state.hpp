// Role: the Slack dialect's own state beside the shared sim_context: Socket Mode tickets,
// envelope delivery, open sockets, the chat.postMessage limiter and issued response_urls.
#pragma once

#include "rate_limiter.hpp"
#include "sim_context.hpp"
#include "slack_envelopes.hpp"
#include "slack_files.hpp"
#include "slack_response_url.hpp"
#include "slack_socket_mode.hpp"
#include "slack_tickets.hpp"

namespace chatsim {

struct slack_state {
  explicit slack_state(sim_context& context)
      : ctx(context),
        envelopes(context.executor, context.stats, context.ids, context.options.ack_timeout),
        sockets(*this),
        post_limiter(1.0, context.options.burst) {}

  sim_context& ctx;
  ticket_book tickets;
  envelope_hub envelopes;
  socket_mode_server sockets;
  token_bucket_limiter post_limiter;
  response_url_book response_urls;
  slack_file_book files;
};

}  // namespace chatsim
