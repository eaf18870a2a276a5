// HMAC-SHA256 and constant-time comparison, for signed button contexts and request signatures.
#pragma once

#include <string>
#include <string_view>

namespace oncall {

// Lowercase hex of HMAC-SHA256(key, message).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);
// Lowercase hex of SHA-256(data).
std::string sha256_hex(std::string_view data);
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace oncall
