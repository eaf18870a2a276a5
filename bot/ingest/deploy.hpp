// Parser for POST /webhooks/deploy (SPEC §4): a deploy event from CI, so that responders see
// what changed shortly before things broke.
#pragma once

#include <string_view>

#include "bot/core/deploy.hpp"
#include "bot/core/result.hpp"

namespace oncall {

// Longest service name, version, commit and author accepted, in bytes; URLs may be longer.
inline constexpr std::size_t max_deploy_field_bytes = 256;
inline constexpr std::size_t max_deploy_url_bytes = 2048;

// {"service", "version", "commit", "author", "url"}: service and version are required, the
// rest optional; url must be http(s). Each value is one line of text. Unknown members are
// ignored (CI systems add their own). `at` is left for the caller to set.
result<deploy> parse_deploy(std::string_view body);

}  // namespace oncall
