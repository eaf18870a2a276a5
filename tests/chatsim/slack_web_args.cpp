// Role: implementation of Web API argument parsing and typed access.
#include "slack_web_args.hpp"

#include <charconv>

#include "text_codec.hpp"

namespace chatsim {
namespace {

void merge_form(nlohmann::json& values, std::string_view encoded) {
  for (auto& [name, value] : parse_form(encoded)) values[name] = value;
}

std::string bearer_token(const http_request& request) {
  std::string auth = request.header("authorization");
  constexpr std::string_view prefix = "bearer ";
  if (auth.size() > prefix.size() && to_lower(auth.substr(0, prefix.size())) == prefix) {
    return auth.substr(prefix.size());
  }
  return {};
}

}  // namespace

web_args parse_web_args(const http_request& request) {
  web_args out;
  merge_form(out.values, request.query);
  out.values.erase("token");  // tokens are not accepted in the query string (protocols.md A5)
  std::string type = to_lower(request.header("content-type"));
  if (type.rfind("application/json", 0) == 0) {
    // JSON bodies: the token must come in the header, never from the body.
    auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded()) {
      out.error = "invalid_json";
    } else if (!body.is_object()) {
      out.error = "json_not_object";
    } else {
      for (auto& [key, value] : body.items()) out.values[key] = value;
    }
    out.values.erase("token");
  } else if (!request.body.empty()) {
    merge_form(out.values, request.body);
  }
  out.token = bearer_token(request);
  if (out.token.empty()) out.token = arg_string(out.values, "token").value_or("");
  out.values.erase("token");
  return out;
}

std::optional<std::string> arg_string(const nlohmann::json& args, const std::string& key) {
  auto it = args.find(key);
  if (it == args.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number() || it->is_boolean()) return it->dump();
  return std::nullopt;
}

std::optional<bool> arg_bool(const nlohmann::json& args, const std::string& key) {
  auto it = args.find(key);
  if (it == args.end() || it->is_null()) return std::nullopt;
  if (it->is_boolean()) return it->get<bool>();
  if (it->is_number()) return it->get<double>() != 0;
  if (it->is_string()) return *it == "true" || *it == "1";
  return std::nullopt;
}

std::optional<long> arg_int(const nlohmann::json& args, const std::string& key) {
  auto it = args.find(key);
  if (it == args.end() || it->is_null()) return std::nullopt;
  if (it->is_number_integer()) return it->get<long>();
  if (!it->is_string()) return std::nullopt;
  const std::string& text = it->get_ref<const std::string&>();
  long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

json_arg arg_json(const nlohmann::json& args, const std::string& key) {
  auto it = args.find(key);
  if (it == args.end() || it->is_null()) return {};
  if (!it->is_string()) return {true, true, *it};
  if (it->get_ref<const std::string&>().empty()) return {};
  auto parsed = nlohmann::json::parse(it->get<std::string>(), nullptr, false);
  if (parsed.is_discarded()) return {true, false, nullptr};
  return {true, true, parsed};
}

http_reply slack_ok(nlohmann::json fields) {
  nlohmann::json body{{"ok", true}};
  body.update(fields);
  return json_reply(body);
}

http_reply slack_error(const std::string& error) {
  return json_reply({{"ok", false}, {"error", error}});
}

http_reply slack_ratelimited(int retry_after_seconds) {
  http_reply reply = json_reply({{"ok", false}, {"error", "ratelimited"}}, 429);
  reply.headers.emplace_back("Retry-After", std::to_string(retry_after_seconds));
  return reply;
}

}  // namespace chatsim
