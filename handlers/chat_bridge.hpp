// Connects a chat adapter to the handlers: every slash command and click is applied once per
// delivery (a redelivered envelope gets the first reply and changes nothing) and committed
// before the adapter acks it.
#pragma once

#include "bot/chat/chat_platform.hpp"
#include "bot/engine/incident_engine.hpp"

namespace oncall {

class chat_bridge final : public chat_events {
 public:
  explicit chat_bridge(incident_engine& engine) : engine_(engine) {}

  chat_reply on_command(const inbound_command& cmd) override;
  std::optional<outbound_message> on_click(const inbound_click& click) override;
  // Messages, edits, deletions and pins into incident timelines (engine/room_capture.cpp).
  void on_room_event(const room_event& event) override;
  std::vector<room_ref> open_rooms() override;
  void on_room_history(const room_ref& room, const std::vector<room_message>& messages,
                       bool complete) override;

 private:
  actor caller(const std::string& chat_user) const;
  incident_engine& engine_;
};

}  // namespace oncall
