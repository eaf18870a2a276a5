// The postmortem draft as JSON, in the shape docs/postmortem.schema.json describes: for tools
// that file the postmortem elsewhere (a wiki, a tracker) or check it.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "bot/report/postmortem_model.hpp"

namespace oncall {

inline constexpr int postmortem_schema_version = 1;

nlohmann::json postmortem_to_json(const postmortem& d);
// Pretty-printed, invalid UTF-8 replaced, ending with a newline.
std::string render_postmortem_json(const postmortem& d);

// Time to ack and time to resolve, both counted from detection; nullopt until it happened.
std::optional<duration> time_to_ack(const postmortem_times& t);
std::optional<duration> time_to_resolve(const postmortem_times& t);

}  // namespace oncall
