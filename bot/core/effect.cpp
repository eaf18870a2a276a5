// Names of effect kinds, as stored.
#include "bot/core/effect.hpp"

namespace oncall {

std::string to_string(effect_kind k) {
  switch (k) {
    case effect_kind::announce: return "announce";
    case effect_kind::sync: return "sync";
    case effect_kind::thread_post: return "thread_post";
    case effect_kind::channel_post: return "channel_post";
    case effect_kind::direct_message: return "direct_message";
    case effect_kind::notify: return "notify";
    case effect_kind::upload: return "upload";
    case effect_kind::open_room: return "open_room";
  }
  return "unknown";
}

std::optional<effect_kind> effect_kind_from_string(std::string_view s) {
  if (s == "announce") return effect_kind::announce;
  if (s == "sync") return effect_kind::sync;
  if (s == "thread_post") return effect_kind::thread_post;
  if (s == "channel_post") return effect_kind::channel_post;
  if (s == "direct_message") return effect_kind::direct_message;
  if (s == "notify") return effect_kind::notify;
  if (s == "upload") return effect_kind::upload;
  if (s == "open_room") return effect_kind::open_room;
  return std::nullopt;
}

}  // namespace oncall
