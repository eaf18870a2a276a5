// Role: the benchmark's result table: one row per scenario with oncallbot's figure, the peer's,
// their ratio, the target and whether it is met; rendered as Markdown for the terminal and for
// docs/benchmarks.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace oncall::bench {

struct target {
  enum class kind { none, below, at_least };
  kind bound = kind::none;
  double value = 0;
  // When set, oncallbot's figure must also be at most peer / peer_factor (lower is better).
  std::optional<double> peer_factor;
  std::string text(const std::string& unit) const;
};

struct result_row {
  std::string scenario;
  std::string unit;  // "ms", "MB", "alerts/s"
  std::optional<double> oncallbot;
  std::optional<double> peer;
  target goal;
  std::string note;  // e.g. "(3 failed)"
  bool optional = false;  // measured by another program that may not be built yet

  std::optional<double> ratio() const;  // oncallbot / peer
  std::optional<bool> met() const;      // nothing when there is no target or no figure
};

std::string markdown_table(const std::vector<result_row>& rows);
// Every scenario whose oncallbot figure is missing (the smoke test fails on any).
std::vector<std::string> missing_figures(const std::vector<result_row>& rows);

}  // namespace oncall::bench
