// One parameter value against its rules. Messages quote the value only through
// quoted_for_message, so a hostile value cannot smuggle markup or line breaks into a reply.
#include "bot/runbook/value_rules.hpp"

#include <regex>

#include "bot/runbook/text_safety.hpp"

namespace oncall {

namespace {

error refuse(const runbook_param& param, const std::string& what) {
  return error{"Parameter '" + param.name + "' " + what, param.name};
}

std::string example_hint(const runbook_param& param) {
  return param.default_value ? " (for example " + *param.default_value + ")" : "";
}

status check_pattern(const runbook_param& param, std::string_view value) {
  std::regex re;
  try {
    re = std::regex(param.pattern, std::regex::ECMAScript);
  } catch (const std::regex_error&) {
    // check-config refuses such patterns; this only guards a runbook built some other way.
    return refuse(param, "has an invalid pattern in the config; ask an admin to fix it.");
  }
  if (std::regex_match(value.begin(), value.end(), re)) return ok_status();
  std::string why = quoted_for_message(value) + " does not match its pattern " + param.pattern;
  if (auto non_ascii = first_non_ascii(value)) {
    why += "; it contains a non-ASCII character (" + *non_ascii +
           ") that may only look like the one you meant";
  }
  return refuse(param,
                "refused: " + why + ". Give a value that matches" + example_hint(param) + ".");
}

}  // namespace

status check_value(const runbook_param& param, std::string_view value) {
  if (value.size() > param.max_length) {
    return refuse(param, "is " + std::to_string(value.size()) + " bytes long; the limit is " +
                             std::to_string(param.max_length) + ". Give a shorter value.");
  }
  if (auto reason = unsafe_text_reason(value)) {
    return refuse(param, "refused: the value " + *reason +
                             ". Give it on one line, as plain text without control or invisible "
                             "characters.");
  }
  if (auto dash = leading_dash(value)) {
    return refuse(param, "refused: the value starts with '" + *dash +
                             "', so a program could take it for an option. Values may not start "
                             "with a dash.");
  }
  return check_pattern(param, value);
}

}  // namespace oncall
