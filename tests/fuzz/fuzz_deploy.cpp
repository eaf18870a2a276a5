// Fuzz target: the deploy webhook (POST /webhooks/deploy) body parser, parse_deploy.
#include <cstddef>
#include <cstdint>

#include "bot/ingest/deploy.hpp"
#include "tests/fuzz/fuzz_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parsed = oncall::parse_deploy(oncall::fuzz::as_text(data, size));
  if (!parsed.ok()) {
    oncall::fuzz::require_reportable(parsed.err());
    return 0;
  }
  // Every field goes into the timeline, chat and the postmortem's JSON.
  oncall::fuzz::require(!parsed->service.empty() && !parsed->version.empty(), "service and version are required");
  for (const auto* text : {&parsed->service, &parsed->version, &parsed->commit, &parsed->author, &parsed->url}) {
    oncall::fuzz::require_json_text(*text);
  }
  return 0;
}
