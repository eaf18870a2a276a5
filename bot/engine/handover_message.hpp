// How a shift handover looks in the handover channel (and in the incoming person's DMs).
#pragma once

#include <functional>
#include <string>

#include "bot/chat/message.hpp"
#include "bot/engine/shift_summary.hpp"

namespace oncall {

inline constexpr const char* action_handover_accept = "handover_accept";

struct handover_view {
  const handover& h;
  const shift_summary& summary;
  rich_text outgoing;  // mention or bold name
  rich_text incoming;
  duration accept_within{0};  // 0: no "I have it" deadline
  std::function<std::string(const incident&)> permalink;  // empty string: no link
};

outbound_message render_handover(const handover_view& v);

}  // namespace oncall
