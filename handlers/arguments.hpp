// Splitting and reading slash-command arguments: words split on spaces, "double quoted" values
// kept whole, incident ids as 42 or #42.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "handlers/command.hpp"

namespace oncall {

// Throws command_error on an unclosed quote.
std::vector<std::string> split_arguments(std::string_view text);

// The incident a command is about: the explicit id when given, else the only open incident in
// the caller's channel. Throws command_error asking "which one?" otherwise.
incident resolve_incident(command_context& ctx, const std::optional<std::int64_t>& id);

// The person a word names: a mention (<@U123>, <@U123|name>, @name) or a bare name, chat id
// or username, matched against people[]. nullptr when nobody matches.
const person* parse_person(const config& cfg, std::string_view word);

// An instant typed in a command: "now" or ISO 8601 with a zone (2026-11-24T18:00:00Z).
std::optional<time_point> parse_instant(std::string_view word, time_point now);

// Joins words back into text (for notes, reasons and summaries).
std::string join_words(const std::vector<std::string>& words, std::size_t from = 0);

}  // namespace oncall
