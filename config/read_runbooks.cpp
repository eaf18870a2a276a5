// Runbooks: allow-listed commands that responders may run from chat. Everything a runner relies
// on for safety (argv placeholders, parameter patterns) is checked here, before the bot starts.
#include <algorithm>
#include <regex>
#include <set>

#include "config/key_suggestion.hpp"
#include "config/sections.hpp"

namespace oncall {

namespace {

constexpr std::string_view runbook_keys[] = {"name",    "description", "command", "params",
                                             "timeout", "roles",       "confirm"};
constexpr std::string_view param_keys[] = {"pattern", "default", "max_length"};

struct placeholder {
  std::string name;
  bool whole_element;  // the element is exactly "{name}"
};

// "{env}" and "--env={env}" → {env}; braces around anything but a name ("{}", "{a b}") are text.
std::vector<placeholder> placeholders_in(const std::string& element) {
  static const std::regex pattern(R"(\{([A-Za-z0-9_-]+)\})");
  std::vector<placeholder> found;
  for (std::sregex_iterator it(element.begin(), element.end(), pattern), end; it != end; ++it) {
    found.push_back({(*it)[1].str(), it->length(0) == static_cast<long>(element.size())});
  }
  return found;
}

// Checks `default` against the rules a value typed in chat must pass (SPEC §5).
void check_default(yaml_reader& r, const YAML::Node& node, const std::string& path,
                   const runbook_param& p, const std::regex& re) {
  const auto& value = *p.default_value;
  const auto default_p = child_path(path, "default");
  const int line = field_line(node, "default");
  if (value.starts_with('-')) {
    r.fail(line, default_p, "'" + value + "' starts with '-', which values may not do");
  } else if (value.size() > p.max_length) {
    r.fail(line, default_p,
           "is longer than max_length (" + std::to_string(p.max_length) + " characters)");
  } else if (!std::regex_match(value, re)) {
    r.fail(line, default_p,
           "'" + value + "' does not match the pattern '" + p.pattern +
               "'; change the default or the pattern");
  }
}

void read_param(yaml_reader& r, const YAML::Node& node, const std::string& path, runbook_param& p) {
  if (!r.check_map(node, path, param_keys)) return;
  int max_length = static_cast<int>(p.max_length);
  if (r.read_count(node, path, "max_length", max_length, 1)) p.max_length = max_length;
  // An empty default (say ${DEFAULT_ENV:-} unset) means there is none: the user must give one.
  if (std::string value; r.read_string(node, path, "default", value) && !value.empty()) {
    p.default_value = value;
  }
  if (!r.read_string(node, path, "pattern", p.pattern, need::required)) return;
  std::regex re;
  try {
    re = std::regex(p.pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    r.fail(field_line(node, "pattern"), child_path(path, "pattern"),
           "'" + p.pattern + "' is not a valid regular expression (ECMAScript): " + e.what());
    return;
  }
  if (p.default_value) check_default(r, node, path, p, re);
}

void read_params(yaml_reader& r, const YAML::Node& node, const std::string& path, runbook& rb) {
  auto params = r.map_field(node, path, "params");
  if (!params) return;
  const auto params_p = child_path(path, "params");
  for (auto it = params->begin(); it != params->end(); ++it) {
    runbook_param p;
    p.name = it->first.IsScalar() ? it->first.Scalar() : "";
    const auto param_p = child_path(params_p, p.name);
    if (!std::regex_match(p.name, std::regex("[A-Za-z0-9_-]+"))) {
      r.fail(line_of(it->first), param_p,
             "'" + p.name + "' is not a parameter name; use letters, digits, '_' and '-'");
    }
    read_param(r, it->second, param_p, p);
    rb.params.push_back(std::move(p));
  }
}

// Placeholders are replaced as whole argv elements (no shell, no splicing), so every one must
// name a declared parameter and stand alone; the program itself is never a parameter.
void check_command(yaml_reader& r, const YAML::Node& node, const std::string& path,
                   const runbook& rb) {
  std::vector<std::string> declared;
  for (const auto& p : rb.params) declared.push_back(p.name);
  std::set<std::string> used;
  const auto command_p = child_path(path, "command");
  const YAML::Node list = *r.field(node, path, "command");
  for (std::size_t i = 0; i < rb.command.size(); ++i) {
    const auto element_p = item_path(command_p, i);
    const int line = line_of(list[i], line_of(list));
    for (const auto& ph : placeholders_in(rb.command[i])) {
      used.insert(ph.name);
      if (std::find(declared.begin(), declared.end(), ph.name) == declared.end()) {
        r.fail(line, element_p,
               "uses {" + ph.name + "}, but there is no parameter '" + ph.name + "'; " +
                   suggestion_or(ph.name, declared, "declare it under params"));
      } else if (i == 0) {
        r.fail(line, element_p, "the program to run must be fixed, not a parameter");
      } else if (!ph.whole_element) {
        r.fail(line, element_p,
               "'" + rb.command[i] + "' mixes {" + ph.name +
                   "} with other text; a placeholder is a whole argument, e.g. [--env, \"{" +
                   ph.name + "}\"]");
      }
    }
  }
  for (const auto& p : rb.params) {
    if (!p.name.empty() && !used.contains(p.name)) {
      r.fail(field_line(*r.field(node, path, "params"), p.name),
             child_path(child_path(path, "params"), p.name),
             "is not used in command; use it as \"{" + p.name + "}\" or remove it");
    }
  }
}

void read_runbook(yaml_reader& r, const YAML::Node& node, const std::string& path, runbook& rb) {
  if (!r.check_map(node, path, runbook_keys)) return;
  r.read_string(node, path, "name", rb.name, need::required);
  r.read_string(node, path, "description", rb.description);
  bool command_ok = r.read_strings(node, path, "command", rb.command, need::required);
  if (command_ok && (rb.command.empty() || rb.command.front().empty())) {
    r.fail(field_line(node, "command"), child_path(path, "command"),
           "needs the program to run first, e.g. [scripts/runbooks/restart.sh, \"{env}\"]");
    command_ok = false;
  }
  read_params(r, node, path, rb);
  if (command_ok) check_command(r, node, path, rb);
  r.read_duration(node, path, "timeout", rb.timeout);
  r.read_strings(node, path, "roles", rb.roles);
  r.read_bool(node, path, "confirm", rb.confirm);
}

}  // namespace

void read_runbooks(yaml_reader& r, const YAML::Node& root, config& cfg) {
  auto list = r.list_field(root, "", "runbooks");
  if (!list) return;
  std::map<std::string, int> names;
  std::size_t i = 0;
  for (const YAML::Node& item : *list) {
    const auto path = item_path("runbooks", i++);
    runbook rb;
    read_runbook(r, item, path, rb);
    r.check_unique(names, rb.name, child_path(path, "name"), field_line(item, "name"), "runbook");
    cfg.runbooks.push_back(std::move(rb));
  }
}

}  // namespace oncall
