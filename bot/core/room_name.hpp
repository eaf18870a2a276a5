// The name of an incident's dedicated channel: inc-<id>-<slug>, the slug taken from the title
// so that it passes both platforms' rules (Slack: lowercase letters, digits, '-', '_', at most
// 80; Mattermost: the same, at most 64, starting and ending with a letter or digit).
#pragma once

#include <cstdint>
#include <string>

namespace oncall {

// At most this long, the shorter of the two platforms' limits.
inline constexpr std::size_t max_room_name_length = 64;

// "inc-42-checkout-latency-on-web-1"; "inc-42" when the title has no ASCII letter or digit.
std::string incident_room_name(std::int64_t id, const std::string& title);
// The name to try after `name` was taken `attempt` times (attempt 1 → "…-2"), kept within the
// length limit by shortening the slug.
std::string incident_room_name_retry(const std::string& name, int attempt);

}  // namespace oncall
