// Suggestions for unknown config keys.
#include "config/key_suggestion.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace oncall {

namespace {
char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}
}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: a swapped pair ("shfit") is one edit, the commonest typo.
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::optional<std::string> closest_key(std::string_view typed,
                                       std::span<const std::string_view> known) {
  // Up to a third of the word may be wrong (at least 1, at most 3 edits): "shfit" → "shift",
  // "member" → "members", but "foo" suggests nothing rather than something random.
  const std::size_t limit = std::clamp<std::size_t>(typed.size() / 3, 1, 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (auto k : known) {
    auto dist = edit_distance(typed, k);
    if (dist < best_distance) {
      best_distance = dist;
      best = std::string(k);
    }
  }
  return best;
}

std::string suggestion_or(std::string_view typed, const std::vector<std::string>& known,
                          std::string otherwise) {
  std::vector<std::string_view> views(known.begin(), known.end());
  auto guess = closest_key(typed, views);
  return guess ? "did you mean '" + *guess + "'?" : otherwise;
}

}  // namespace oncall
