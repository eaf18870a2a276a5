// Text from chat, alerts and CI made safe to put into a Markdown document: it renders as the
// words people wrote and nothing more. No mention pings anyone (<!channel>, <@U…>, @here,
// @alice, ~town-square), no Markdown or HTML takes effect, no bidi control character reorders
// the rest of the page, and a message stays on its one line whatever it contains.
#pragma once

#include <string>
#include <string_view>

namespace oncall {

// Inline Markdown text: Markdown punctuation backslash-escaped, `<`, `>`, `&` and `@` as HTML
// entities (renderers show the character, chat mention parsers see no mention), line breaks as
// <br>, control and bidi-override characters dropped, invalid UTF-8 replaced by U+FFFD.
std::string markdown_text(std::string_view text);

// A link target for [label](target): http(s) URLs only, with the characters that would end the
// target percent-encoded; empty for anything else (javascript:, data:, relative paths), which
// the templates then show as text.
std::string markdown_link_target(std::string_view url);

// Text with invalid UTF-8 replaced by U+FFFD and nothing else changed (JSON exports).
std::string valid_utf8(std::string_view text);

}  // namespace oncall
