// "Did you mean …?" for misspelt config keys: the closest known key by edit distance.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace oncall {

// Levenshtein distance (insert, delete, substitute, and swapping two adjacent letters).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The known key closest to `typed`, when it is close enough to be a plausible typo.
std::optional<std::string> closest_key(std::string_view typed,
                                       std::span<const std::string_view> known);

// The fix for a name that is not defined: "did you mean 'alice'?" when one of `known` is close
// to `typed`, else `otherwise`.
std::string suggestion_or(std::string_view typed, const std::vector<std::string>& known,
                          std::string otherwise);

}  // namespace oncall
