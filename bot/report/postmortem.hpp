// The postmortem draft of an incident, for `oncallbot export` and `/oncall postmortem`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bot/core/incident.hpp"
#include "bot/core/result.hpp"
#include "bot/core/time.hpp"
#include "config/config.hpp"

namespace oncall {

class store;

enum class postmortem_format { markdown, json };

// "md" / "markdown" / "json"; nullopt for anything else.
std::optional<postmortem_format> postmortem_format_from_string(std::string_view text);

// The draft of incident `incident_id` as the store holds it now; an error (message for a
// responder) when there is no such incident. Reads only: safe while the bot runs.
result<std::string> render_postmortem(store& st, const config& cfg, std::int64_t incident_id,
                                      postmortem_format format, time_point now);

// "postmortem-<id>-<slug>.md" / ".json"; the slug is the title in lower-case ASCII words.
std::string postmortem_file_name(const incident& inc, postmortem_format format);

}  // namespace oncall
