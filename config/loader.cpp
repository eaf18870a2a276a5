// Entry points of the config loader: YAML text in, a validated config or every error out; plus
// the formatting check-config prints.
#include "config/loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "config/flow_placeholders.hpp"
#include "config/sections.hpp"

namespace oncall {

namespace {

constexpr std::string_view top_level_keys[] = {
    "chat",   "http",      "storage", "log",         "people",  "schedules", "escalation_policies",
    "routes", "notifiers", "tracker", "postmortems", "runbooks"};

// Line `line` (1-based) of `text`, for hints about what the parser choked on.
std::string source_line(const std::string& text, int line) {
  std::istringstream in(text);
  std::string current;
  for (int i = 1; std::getline(in, current); ++i) {
    if (i == line) return current;
  }
  return {};
}

config_error parse_error(const YAML::Exception& e, const std::string& yaml) {
  const int line = e.mark.line < 0 ? 0 : e.mark.line + 1;
  const std::string here = source_line(yaml, line);
  std::string hint = "check the indentation and quoting on this line and the one before";
  if (here.find("${") != std::string::npos) {
    // A bare [${TOKEN}] is quoted before parsing (flow_placeholders.hpp), but in
    // [https://${HOST}/x] the '{' still opens a mapping inside the flow collection.
    hint =
        "a value inside [ ] or { } that contains ${…} must be quoted as a whole, like "
        "[\"https://${HOST}/x\"]";
  } else if (here.find('\t') != std::string::npos) {
    hint = "YAML does not allow tabs for indentation; use spaces";
  }
  return config_error{line, "", "not valid YAML (" + e.msg + "); " + hint};
}

config_load_result load_root(const YAML::Node& root, env_lookup env) {
  yaml_reader r(env ? std::move(env) : process_env());
  config cfg;
  if (root.IsNull() || !root.IsDefined()) {
    r.fail(0, "", "the file is empty; start from config/example.yaml");
  } else if (r.check_map(root, "", top_level_keys)) {
    // Referenced names first: people and notifiers, then schedules, policies, routes.
    for (auto read :
         {read_chat, read_http, read_storage, read_log, read_people, read_notifiers, read_schedules,
          read_escalation_policies, read_routes, read_tracker, read_postmortems, read_runbooks}) {
      read(r, root, cfg);
    }
  }
  config_load_result out;
  out.errors = std::move(r.errors());
  // Reading order is not file order; users fix a file top to bottom.
  std::stable_sort(out.errors.begin(), out.errors.end(), [](const auto& a, const auto& b) {
    return (a.line == 0 ? INT32_MAX : a.line) < (b.line == 0 ? INT32_MAX : b.line);
  });
  if (out.errors.empty()) out.cfg = std::move(cfg);
  return out;
}

std::string counted(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "postgresql://bot:hunter2@db/oncall" → "postgresql://bot:***@db/oncall"; queries may hold
// passwords too and are left out.
std::string masked_storage_url(std::string url) {
  url = url.substr(0, url.find('?'));
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  auto at = url.find('@', scheme);
  auto colon = url.find(':', scheme + 3);
  if (at != std::string::npos && colon < at) url.replace(colon + 1, at - colon - 1, "***");
  return url;
}

}  // namespace

config_load_result load_config_string(const std::string& yaml, env_lookup env) {
  YAML::Node root;
  try {
    // Quoting only adds '"' characters on the same lines, so the parser's lines are the file's.
    root = YAML::Load(quote_flow_placeholders(yaml));
  } catch (const YAML::Exception& e) {
    return config_load_result{std::nullopt, {parse_error(e, yaml)}};
  }
  return load_root(root, std::move(env));
}

config_load_result load_config_file(const std::string& path, env_lookup env) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return config_load_result{
        std::nullopt,
        {config_error{0, "",
                      "cannot read the file (" + std::string(std::strerror(errno)) +
                          "); check the path and its permissions"}}};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_config_string(text.str(), std::move(env));
}

std::string format_config_error(const std::string& file, const config_error& e) {
  std::string out = file;
  if (e.line > 0) out += ":" + std::to_string(e.line);
  out += ": ";
  if (!e.path.empty()) out += e.path + ": ";
  return out + e.message;
}

std::string config_summary(const config& cfg) {
  const bool slack = cfg.chat.platform == chat_platform_kind::slack;
  return std::string("ok: ") + (slack ? "slack" : "mattermost") + ", " +
         counted(cfg.people.size(), "person", "people") + ", " +
         counted(cfg.schedules.size(), "schedule", "schedules") + ", " +
         counted(cfg.escalation_policies.size(), "escalation policy", "escalation policies") +
         ", " + counted(cfg.routes.size(), "route", "routes") + ", " +
         counted(cfg.runbooks.size(), "runbook", "runbooks") + ", storage " +
         masked_storage_url(cfg.storage.url);
}

}  // namespace oncall
