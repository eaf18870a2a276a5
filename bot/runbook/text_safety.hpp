// Which characters a runbook argument may carry. A value typed in chat ends up as one argv
// element and is shown back to people in the confirmation and the audit log, so anything that
// could change how it is read (control characters, invisible or direction-changing characters,
// malformed UTF-8) is refused before a pattern ever sees it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace oncall {

// Why `value` is not safe text, as the end of a sentence ("contains a line break (U+000A) at
// character 5"), or nullopt when it is.
std::optional<std::string> unsafe_text_reason(std::string_view value);

// The first character of `value` when it is a dash or looks like one ("-", "‐", "−", "－"),
// since a value that starts with one may be taken for an option; nullopt otherwise.
std::optional<std::string> leading_dash(std::string_view value);

// The first non-ASCII character and its position ("U+043E at character 3"), to explain why a
// value that looks right does not match an ASCII pattern; nullopt for pure ASCII.
std::optional<std::string> first_non_ascii(std::string_view value);

// `value` made safe to echo in a message: quoted, control and invisible characters written as
// escapes (\n, \x00, <U+202E>), cut to about `max_chars` characters.
std::string quoted_for_message(std::string_view value, std::size_t max_chars = 60);

}  // namespace oncall
