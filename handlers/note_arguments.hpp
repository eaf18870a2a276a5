// Argument forms shared by the commands that record facts about an incident (sev, lead,
// status, note, cause, followup, followups, timeline).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "handlers/command.hpp"

namespace oncall {

// Commands whose text is free (status, note, cause, followup) may start with `#42` to name the
// incident; a bare number stays text ("status 3 pods restarting"). Removes the id from `words`.
std::optional<std::int64_t> take_leading_hash_id(std::vector<std::string>& words);

// The optional [ID] at `index` of `args`: nullopt when absent; throws command_error when the
// word is not an id.
std::optional<std::int64_t> optional_incident_id(const std::vector<std::string>& args,
                                                 std::size_t index);

// The person a mention names; throws command_error naming the word when nobody matches.
const person& mentioned_person(const config& cfg, const std::string& word);

// Whether a word is written as a mention (@name, <@U123>), i.e. meant as a person.
bool looks_like_mention(const std::string& word);

// A person as a span: a mention when they have a chat handle, else their name in bold.
span person_span(incident_engine& engine, const std::string& name);

// At most `max_characters` UTF-8 characters of `text`, with "…" when cut.
std::string shorten(const std::string& text, std::size_t max_characters);

}  // namespace oncall
