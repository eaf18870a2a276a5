// Reading a webhook body as a JSON object, with one error wording for malformed JSON across all
// parsers, and a streaming form for bodies whose bulk is one large array (an Alertmanager storm
// carries 10,000 alerts in 3.8 MB): its elements are handed over one at a time and never exist
// together as one DOM, which keeps parsing fast and memory flat.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

#include "bot/core/result.hpp"
#include "bot/ingest/json_fields.hpp"

namespace oncall::ingest {

// The body as a JSON object. Malformed JSON gives
// "the body is not valid JSON: <reason> at byte N" (N counts from 1); any other top-level value
// is an error too.
result<json> parse_json_object(std::string_view body);

// Called with each element of the streamed array, in order, as soon as it is complete. The
// element may be modified or moved from; it is discarded afterwards.
using element_handler = std::function<void(std::size_t index, json& element)>;

// Like parse_json_object, except that when the top-level member `array_key` is an array, its
// elements go to `on_element` instead of into the result, where `array_key` is left as an empty
// array. Elements are handed over while the body is still being read: a syntax error later in
// the body still makes the whole call fail.
result<json> parse_json_object_streaming(std::string_view body, std::string_view array_key,
                                         const element_handler& on_element);

}  // namespace oncall::ingest
