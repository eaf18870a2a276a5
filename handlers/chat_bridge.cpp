// Slash commands and clicks from any platform into the registry and button handlers.
#include "handlers/chat_bridge.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "bot/chat/message_codec.hpp"
#include "handlers/buttons.hpp"
#include "handlers/registry.hpp"

namespace oncall {

namespace {

std::string encode_reply(const chat_reply& r) {
  return nlohmann::json{{"message", message_to_json(r.message)}, {"in_channel", r.in_channel}}.dump();
}

chat_reply decode_reply(const std::string& text) {
  auto j = nlohmann::json::parse(text);
  return {message_from_json(j.at("message").get<std::string>()), j.at("in_channel").get<bool>()};
}

}  // namespace

actor chat_bridge::caller(const std::string& chat_user) const {
  const person* p = engine_.cfg().person_by_chat_user(chat_user);
  return {chat_user, p ? p->name : std::string{}};
}

chat_reply chat_bridge::on_command(const inbound_command& cmd) {
  spdlog::info("command from {} in {}: /oncall {}", cmd.user, cmd.channel, cmd.text);
  auto stored = engine_.once(cmd.delivery_id, [&] {
    command_context ctx{engine_, caller(cmd.user), cmd.channel};
    auto reply = oncall_commands().dispatch(ctx, cmd.text);
    return encode_reply({reply.message, reply.in_channel});
  });
  return decode_reply(stored);
}

std::optional<outbound_message> chat_bridge::on_click(const inbound_click& click) {
  spdlog::info("click {} on {} by {}", click.action_id, click.value, click.user);
  auto stored = engine_.once(click.delivery_id, [&] {
    command_context ctx{engine_, caller(click.user), click.channel};
    auto reply = handle_button(ctx, {click.action_id, click.value, click.channel, click.message_ref});
    return reply ? message_to_json(*reply) : std::string{};
  });
  if (stored.empty()) return std::nullopt;
  return message_from_json(stored);
}

void chat_bridge::on_room_event(const room_event& event) {
  if (event.delivery_id.empty()) {
    engine_.capture(event);
    return;
  }
  // Only events that changed a timeline are remembered against redelivery (see `once`).
  engine_.once(event.delivery_id, [&] {
    if (engine_.capture(event)) spdlog::debug("timeline: room message {} in {}", event.message.ref, event.channel);
    return std::string{};
  });
}

std::vector<room_ref> chat_bridge::open_rooms() { return engine_.open_rooms(); }

void chat_bridge::on_room_history(const room_ref& room, const std::vector<room_message>& messages,
                                  bool complete) {
  int changed = engine_.backfill(room, messages, complete);
  spdlog::info("timeline: back-filled incident #{} from {} messages of its room ({} entries changed)",
               room.incident_id, messages.size(), changed);
}

}  // namespace oncall
