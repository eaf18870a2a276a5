// What every fuzz target checks beyond "no crash, no leak, no undefined behaviour": what a parser
// returns must be usable downstream. Errors become `{"error": …, "field": …}` bodies and alerts
// become chat JSON, both through nlohmann::json::dump(), which throws on invalid UTF-8; a failed
// check aborts, and libFuzzer keeps the input. The checks are compiled once, in fuzz_checks.cpp:
// JSON serialisation is the slow part of building each target.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "bot/core/alert.hpp"
#include "bot/core/result.hpp"

namespace oncall::fuzz {

// Aborts with `what` on stderr when `condition` is false.
void require(bool condition, const char* what);
// The text survives a round trip through JSON text (valid UTF-8).
void require_json_text(const std::string& text);
// An error says something, and both its message and field can go into a JSON reply.
void require_reportable(const error& e);
// Every text of the batch can go into chat JSON; severities are in 1..4.
void require_usable(const alert_batch& batch);

// Checks a parser's answer for one body: a usable batch, or an error that can be reported.
template <typename Result, typename Batch>
void check_answer(const Result& parsed, Batch&& batch_of) {
  if (parsed.ok()) {
    require_usable(batch_of(*parsed));
  } else {
    require_reportable(parsed.err());
  }
}

inline std::string_view as_text(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace oncall::fuzz
