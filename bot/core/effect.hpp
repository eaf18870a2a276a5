// An effect is something that must leave the process (a chat post, an update) once the state
// change that caused it is committed. Effects are stored with an idempotency key in the same
// transaction as that change, and carried out by the outbox; a restart resumes what was not done.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "bot/core/time.hpp"

namespace oncall {

enum class effect_kind {
  announce,     // post the incident's announcement in its channel
  sync,         // update the announcement in place from the incident's current state
  thread_post,  // post `payload` (a message) in the incident's room
  channel_post,    // post `payload` (a message) top-level in `channel`; `subject` may want its ref
  direct_message,  // post `payload` (a message) to the chat user `subject` directly
  notify,          // call the outbound notifier `subject` with `payload` (its JSON body)
  upload,          // upload `payload` (a room_file) into the incident's room
  open_room,       // create the incident's dedicated channel (`payload`: name, people, purpose)
};

std::string to_string(effect_kind k);
std::optional<effect_kind> effect_kind_from_string(std::string_view s);

struct effect {
  std::int64_t id = 0;
  std::string key;  // idempotency key: the same key is never enqueued twice
  effect_kind kind = effect_kind::thread_post;
  std::string channel;  // ordering lane: effects of one channel run in order
  std::int64_t incident_id = 0;
  std::string payload;  // JSON, kind-specific
  std::string subject;  // kind-specific: "handover:ID", a chat user, a notifier name
  time_point created_at;
  int attempts = 0;
  bool operator==(const effect&) const = default;
};

}  // namespace oncall
