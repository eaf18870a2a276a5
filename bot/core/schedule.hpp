// Who is on call: rotations and overrides, as pure functions of a schedule and an instant.
#pragma once

#include <string>

#include "config/config.hpp"

namespace oncall {

// The person on call for `s` at `t`: an override covering t wins, else the rotation member
// whose shift contains t. Before the rotation's start the first member is on call.
std::string on_call_at(const schedule& s, time_point t);

}  // namespace oncall
