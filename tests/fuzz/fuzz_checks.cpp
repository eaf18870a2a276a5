// The checks shared by the fuzz targets (see fuzz_checks.hpp).
#include "tests/fuzz/fuzz_checks.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>

namespace oncall::fuzz {

namespace {

void require_json_labels(const label_map& labels) {
  for (const auto& [key, value] : labels) {
    require_json_text(key);
    require_json_text(value);
  }
}

}  // namespace

void require(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "fuzz check failed: %s\n", what);
    std::abort();
  }
}

void require_json_text(const std::string& text) {
  std::string dumped;
  try {
    dumped = nlohmann::json(text).dump();
  } catch (const nlohmann::json::exception& e) {
    std::fprintf(stderr, "fuzz check failed: not JSON text (%s)\n", e.what());
    std::abort();
  }
  require(nlohmann::json::parse(dumped).get<std::string>() == text, "JSON round trip");
}

void require_reportable(const error& e) {
  require(!e.message.empty(), "an error says what is wrong");
  require_json_text(e.message);
  require_json_text(e.field);
}

void require_usable(const alert_batch& batch) {
  require_json_text(batch.source);
  require_json_text(batch.group_key);
  require_json_text(batch.title);
  require_json_labels(batch.group_labels);
  for (const auto& a : batch.alerts) {
    require_json_text(a.fingerprint);
    require_json_text(a.title);
    require(a.severity >= 1 && a.severity <= 4, "severity in 1..4");
    require_json_labels(a.labels);
    require_json_labels(a.annotations);
    for (const auto& l : a.links) {
      require_json_text(l.label);
      require_json_text(l.url);
    }
  }
}

}  // namespace oncall::fuzz
