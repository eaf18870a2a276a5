// Who is on call: rotations and overrides, as pure functions of a schedule and an instant.
#pragma once

#include <string>
#include <vector>

#include "bot/core/rota.hpp"
#include "config/config.hpp"

namespace oncall {

// The person on call for `s` at `t`: an override covering t wins, else the rotation member
// whose shift contains t. Before the rotation's start the first member is on call.
std::string on_call_at(const schedule& s, time_point t);

// True when `t` falls in one of the schedule's overrides.
bool overridden_at(const schedule& s, time_point t);

// `s` with the overrides taken from chat, which win over the config's own where they overlap
// (they are newer).
schedule with_overrides(schedule s, const std::vector<stored_override>& from_chat);

// A stretch of time with one person on call.
struct on_call_segment {
  std::string person;
  time_point from;
  time_point to;
  bool operator==(const on_call_segment&) const = default;
};

// [from, to) cut into stretches with one person on call each, in order; neighbours with the
// same person are merged.
std::vector<on_call_segment> on_call_segments(const schedule& s, time_point from, time_point to);

// The first instant after `t` at which someone else is on call (rotation or override edge);
// `t` itself when nobody else ever takes over (a one-member rotation without overrides).
time_point next_change(const schedule& s, time_point t);

// The start of the stretch containing `t` during which the person on call at `t` has been on
// call, looking back at most `horizon`.
time_point current_stretch_start(const schedule& s, time_point t, duration horizon);

}  // namespace oncall
