// Role: Slack Web API argument handling: collecting arguments from the query string, a
// form-urlencoded body or a JSON body; finding the token; typed access that accepts the string
// forms that form encoding produces; and the {"ok":…} reply shapes.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http_types.hpp"

namespace chatsim {

struct web_args {
  nlohmann::json values = nlohmann::json::object();
  std::string token;  // from "Authorization: Bearer", or a form "token" field
  std::string error;  // "invalid_json" / "json_not_object" when the JSON body is unusable
};

web_args parse_web_args(const http_request& request);

// A present, non-null argument as a string (numbers and booleans are converted).
std::optional<std::string> arg_string(const nlohmann::json& args, const std::string& key);
std::optional<bool> arg_bool(const nlohmann::json& args, const std::string& key);
std::optional<long> arg_int(const nlohmann::json& args, const std::string& key);

// A JSON-valued argument (blocks, attachments, metadata): an array or object as is, or a string
// holding JSON as form encoding sends it. Empty when absent; `valid` is false when unparsable.
struct json_arg {
  bool present = false;
  bool valid = true;
  nlohmann::json value;
};
json_arg arg_json(const nlohmann::json& args, const std::string& key);

http_reply slack_ok(nlohmann::json fields = nlohmann::json::object());
http_reply slack_error(const std::string& error);
http_reply slack_ratelimited(int retry_after_seconds);

}  // namespace chatsim
