// Role: rendering the result table.
#include "bench_report.hpp"

#include <cstdio>
#include <sstream>

namespace oncall::bench {

namespace {

std::string number(double v) {
  char buffer[32];
  if (v >= 100) {
    std::snprintf(buffer, sizeof buffer, "%.0f", v);
  } else if (v >= 10) {
    std::snprintf(buffer, sizeof buffer, "%.1f", v);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.3g", v);
  }
  return buffer;
}

std::string figure(const std::optional<double>& v, const std::string& unit) {
  return v ? number(*v) + " " + unit : "not measured";
}

}  // namespace

std::string target::text(const std::string& unit) const {
  std::string out;
  if (bound == kind::below) out = "< " + number(value) + " " + unit;
  if (bound == kind::at_least) out = "≥ " + number(value) + " " + unit;
  if (peer_factor) {
    out += std::string(out.empty() ? "" : ", ") + "≤ peer ÷ " + number(*peer_factor);
  }
  return out.empty() ? "—" : out;
}

std::optional<double> result_row::ratio() const {
  if (!oncallbot || !peer || *peer == 0) return std::nullopt;
  return *oncallbot / *peer;
}

std::optional<bool> result_row::met() const {
  if (goal.bound == target::kind::none && !goal.peer_factor) return std::nullopt;
  if (!oncallbot) return std::nullopt;
  bool ok = true;
  if (goal.bound == target::kind::below) ok &= *oncallbot < goal.value;
  if (goal.bound == target::kind::at_least) ok &= *oncallbot >= goal.value;
  if (goal.peer_factor) {
    if (!peer) return std::nullopt;
    ok &= *oncallbot <= *peer / *goal.peer_factor;
  }
  return ok;
}

std::string markdown_table(const std::vector<result_row>& rows) {
  std::ostringstream out;
  out << "| scenario | oncallbot | peer (Bolt) | ratio | target | met? |\n"
      << "|---|---:|---:|---:|---|---|\n";
  for (const auto& r : rows) {
    auto ratio = r.ratio();
    auto met = r.met();
    std::string unit = r.unit;
    std::string goal = r.goal.text(unit);
    out << "| " << r.scenario << " | " << figure(r.oncallbot, unit) << r.note << " | "
        << (r.peer ? figure(r.peer, unit) : std::string("—")) << " | "
        << (ratio ? number(*ratio) + "×" : std::string("—")) << " | " << goal << " | "
        << (met ? (*met ? "yes" : "**no**") : std::string("—")) << " |\n";
  }
  return out.str();
}

std::vector<std::string> missing_figures(const std::vector<result_row>& rows) {
  std::vector<std::string> missing;
  for (const auto& r : rows) {
    if (!r.oncallbot && !r.optional) missing.push_back(r.scenario);
  }
  return missing;
}

}  // namespace oncall::bench
