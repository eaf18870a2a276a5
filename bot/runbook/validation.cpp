// Argument parsing and argv substitution for runbooks. Errors name the parameter (error.field)
// and say what to type instead, because the person reading them is a responder mid-incident.
#include "bot/runbook/validation.hpp"

#include <algorithm>
#include <map>
#include <regex>

#include "bot/runbook/text_safety.hpp"
#include "bot/runbook/value_rules.hpp"
#include "config/key_suggestion.hpp"

namespace oncall {

namespace {

const runbook_param* find_param(const runbook& rb, std::string_view name) {
  for (const auto& p : rb.params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::vector<std::string> param_names(const runbook& rb) {
  std::vector<std::string> names;
  for (const auto& p : rb.params) names.push_back(p.name);
  return names;
}

std::string usage(const runbook& rb) {
  std::string out = "/oncall run " + rb.name;
  for (const auto& p : rb.params) {
    out += p.default_value ? " [" + p.name + "=" + *p.default_value + "]" : " " + p.name + "=…";
  }
  return out;
}

error unknown_key(const runbook& rb, std::string_view key) {
  if (rb.params.empty()) {
    return error{
        "Runbook '" + rb.name + "' takes no parameters; run it as /oncall run " + rb.name + ".",
        std::string(key)};
  }
  std::string fix = suggestion_or(key, param_names(rb), "its form is " + usage(rb));
  if (!fix.ends_with('?')) fix += '.';
  return error{"Runbook '" + rb.name + "' has no parameter " + quoted_for_message(key) + "; " + fix,
               std::string(key)};
}

// A token's key=value split, or why it is not one.
result<std::pair<std::string, std::string>> split_token(const runbook& rb,
                                                        const std::string& token) {
  const auto eq = token.find('=');
  if (eq == std::string::npos || eq == 0) {
    return error{
        quoted_for_message(token) + " is not a key=value argument; the form is " + usage(rb) + ".",
        ""};
  }
  return std::pair{token.substr(0, eq), token.substr(eq + 1)};
}

// "{name}" as a whole element, or a name in braces inside other text.
const std::regex& placeholder_syntax() {
  static const std::regex re(R"(\{([A-Za-z0-9_-]+)\})");
  return re;
}

error bad_template(const runbook& rb, std::size_t index, const std::string& why) {
  return error{"Runbook '" + rb.name + "' cannot run: element " + std::to_string(index + 1) +
                   " of its command " + why + "; ask an admin to fix the config.",
               "command"};
}

// The parameter `element` stands for, nullptr for a literal; an error when it mixes a
// placeholder with text, names no parameter, or is the program itself.
result<const runbook_param*> placeholder_of(const runbook& rb, std::size_t index,
                                            const std::string& element) {
  std::smatch m;
  if (!std::regex_search(element, m, placeholder_syntax())) return nullptr;
  const runbook_param* param = find_param(rb, m[1].str());
  if (!param) return bad_template(rb, index, "names no parameter (" + m[0].str() + ")");
  if (m.length(0) != static_cast<long>(element.size())) {
    return bad_template(rb, index, "mixes " + m[0].str() + " with other text");
  }
  if (index == 0) return bad_template(rb, index, "is the program, which may not be a parameter");
  return param;
}

// The checked value of every parameter: given, else default, else an error.
result<std::map<std::string, std::string>> resolve_values(const runbook& rb,
                                                          const runbook_arguments& given) {
  std::map<std::string, std::string> values;
  for (const auto& [key, value] : given) {
    if (!find_param(rb, key)) return unknown_key(rb, key);
    if (!values.emplace(key, value).second) {
      return error{key + " is given twice; give it once.", key};
    }
  }
  for (const auto& p : rb.params) {
    if (!values.contains(p.name)) {
      if (!p.default_value) {
        return error{"Runbook '" + rb.name + "' needs " + p.name + " (matching " + p.pattern +
                         "); the form is " + usage(rb) + ".",
                     p.name};
      }
      values[p.name] = *p.default_value;
    }
    if (auto checked = check_value(p, values[p.name]); !checked) return checked.err();
  }
  return values;
}

}  // namespace

result<runbook_arguments> parse_arguments(const runbook& rb, std::span<const std::string> tokens) {
  runbook_arguments out;
  for (const auto& token : tokens) {
    auto kv = split_token(rb, token);
    if (!kv) return kv.err();
    if (!find_param(rb, kv->first)) return unknown_key(rb, kv->first);
    const bool repeated = std::any_of(out.begin(), out.end(),
                                      [&](const auto& seen) { return seen.first == kv->first; });
    if (repeated) return error{kv->first + " is given twice; give it once.", kv->first};
    out.push_back(std::move(*kv));
  }
  return out;
}

result<std::vector<std::string>> build_argv(const runbook& rb, const runbook_arguments& given) {
  if (rb.command.empty() || rb.command.front().empty()) {
    return error{"Runbook '" + rb.name + "' has no program to run; ask an admin to fix the config.",
                 "command"};
  }
  auto values = resolve_values(rb, given);
  if (!values) return values.err();
  std::vector<std::string> argv;
  for (std::size_t i = 0; i < rb.command.size(); ++i) {
    auto param = placeholder_of(rb, i, rb.command[i]);
    if (!param) return param.err();
    argv.push_back(*param ? values->at((*param)->name) : rb.command[i]);
  }
  return argv;
}

result<std::vector<std::string>> argv_for(const runbook& rb, std::span<const std::string> tokens) {
  auto given = parse_arguments(rb, tokens);
  if (!given) return given.err();
  return build_argv(rb, *given);
}

}  // namespace oncall
