// Fuzz target: the Alertmanager webhook (POST /webhooks/alertmanager) body parser, parse_alertmanager.
#include <cstddef>
#include <cstdint>

#include "bot/ingest/alertmanager.hpp"
#include "tests/fuzz/fuzz_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parsed = oncall::parse_alertmanager(oncall::fuzz::as_text(data, size));
  oncall::fuzz::check_answer(parsed, [](const oncall::alert_batch& batch) -> const auto& { return batch; });
  if (parsed.ok()) oncall::fuzz::require(!parsed->alerts.empty(), "a batch has alerts");
  return 0;
}
