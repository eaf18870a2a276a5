// Quoting of bare ${…} references before YAML parsing, so that SPEC §2's `[${ALERT_TOKEN}]` and
// `{token: ${SMS_TOKEN:-}}` load: unquoted, the '{' of "${" opens a YAML flow mapping.
#pragma once

#include <string>
#include <string_view>

namespace oncall {

// Wraps in double quotes every ${NAME} / ${NAME:-default} that stands alone as an unquoted YAML
// scalar: it starts a node (line start, after "- ", "key: ", '[', '{' or ',') and is followed
// only by spaces and then the end of the line or a comment, or, inside [ ] or { }, by ',', ']'
// or '}'. References in quoted strings, comments, block scalars (| and >) or as part of a larger
// plain scalar (`url: https://${HOST}/x`) are left alone. Only '"' characters are added (and a
// '\' before any '"' or '\' inside the reference), never a newline, so line numbers stay right.
std::string quote_flow_placeholders(std::string_view yaml);

}  // namespace oncall
