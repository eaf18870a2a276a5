// Fuzz target: the PagerDuty Events API v2 body parser (POST /v2/enqueue), parse_pagerduty.
#include <cstddef>
#include <cstdint>

#include "bot/ingest/pagerduty.hpp"
#include "tests/fuzz/fuzz_checks.hpp"

using namespace oncall;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parsed = parse_pagerduty(fuzz::as_text(data, size));
  fuzz::check_answer(parsed, [](const pagerduty_event& e) -> const auto& { return e.batch; });
  if (parsed.ok()) {
    // The reply (202) carries the dedup_key back, so it must exist and be JSON text.
    fuzz::require(!parsed->dedup_key.empty(), "an accepted event has a dedup_key");
    fuzz::require(parsed->dedup_key.size() <= max_pagerduty_dedup_key_bytes, "dedup_key within limit");
    fuzz::require_json_text(parsed->dedup_key);
    fuzz::require(parsed->action == "trigger" || parsed->action == "acknowledge" || parsed->action == "resolve",
                  "a known event_action");
  }
  return 0;
}
