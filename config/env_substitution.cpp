// Environment substitution in config scalars. It runs on scalars after YAML parsing, so a
// value such as "a: b" from the environment stays a string and line numbers stay right.
#include "config/env_substitution.hpp"

#include <cctype>
#include <cstdlib>

namespace oncall {

namespace {

bool valid_variable_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// The value of one "${…}" body: "NAME" or "NAME:-default".
result<std::string> expand_one(std::string_view body, const env_lookup& env) {
  auto sep = body.find(":-");
  std::string name(body.substr(0, sep));
  if (!valid_variable_name(name)) {
    return error{"'${" + name +
                     "}' is not a valid variable name; use letters, digits and _ "
                     "(not starting with a digit), optionally ${NAME:-default}",
                 ""};
  }
  auto value = env ? env(name) : std::nullopt;
  if (sep != std::string_view::npos) {
    // ${NAME:-default}: like the shell, an empty value counts as unset.
    if (!value || value->empty()) return std::string(body.substr(sep + 2));
    return *value;
  }
  if (!value) {
    return error{
        "environment variable " + name + " is not set; set it, or write ${" + name + ":-default}",
        ""};
  }
  return *value;
}

}  // namespace

env_lookup process_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

result<std::string> substitute_env(std::string_view text, const env_lookup& env) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    auto open = text.find("${", i);
    if (open == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, open - i));
    auto close = text.find('}', open + 2);
    if (close == std::string_view::npos) {
      return error{
          "the value has a '${' without its closing '}'; write ${NAME} or ${NAME:-default}", ""};
    }
    auto value = expand_one(text.substr(open + 2, close - open - 2), env);
    if (!value) return value.err();
    out += *value;
    i = close + 1;
  }
  return out;
}

}  // namespace oncall
