// The sections about the bot's own plumbing: HTTP server, storage, logging, the issue tracker
// and where postmortems go.
#include <unistd.h>

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "config/sections.hpp"

namespace oncall {

namespace {

constexpr std::string_view http_keys[] = {"listen", "public_url", "webhook_tokens", "max_body"};
constexpr std::string_view storage_keys[] = {"url", "backup"};
constexpr std::string_view backup_keys[] = {"every", "keep", "dir"};
constexpr std::string_view log_keys[] = {"level", "format"};
constexpr std::string_view log_levels[] = {"trace", "debug", "info", "warn", "error"};
constexpr std::string_view log_formats[] = {"text", "json"};
constexpr std::string_view tracker_keys[] = {"kind",       "url",           "project",   "user", "token",
                                             "issue_type", "followup_type", "sync_every"};
constexpr std::string_view tracker_kinds[] = {"jira"};
constexpr std::string_view postmortem_keys[] = {"dir", "git", "timezone", "template"};

// "host:port" with a numeric port; port 0 lets tests take any free port.
bool valid_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) return false;
  unsigned port = 0;
  const char* first = listen.data() + colon + 1;
  const char* last = listen.data() + listen.size();
  auto [end, ec] = std::from_chars(first, last, port);
  return ec == std::errc{} && end == last && port <= 65535;
}

bool valid_storage_url(const std::string& url) {
  if (url.starts_with("sqlite:")) return url.size() > 7;
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

void strip_trailing_slashes(std::string& url) {
  while (url.ends_with('/')) url.pop_back();
}

constexpr duration min_backup_every{1000};

// Empty when `dir` exists as a directory or could be created (its nearest existing ancestor is
// a writable directory); otherwise what is wrong and how to fix it.
std::string uncreatable_dir_problem(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p = fs::absolute(dir, ec);
  if (ec) return "'" + dir + "' is not a usable path";
  while (!p.empty() && !fs::exists(p, ec)) {
    if (p == p.parent_path()) break;
    p = p.parent_path();
  }
  if (!fs::is_directory(p, ec)) {
    return "'" + dir + "' cannot be a directory: " + p.string() + " is a file; pick another dir";
  }
  if (::access(p.c_str(), W_OK) != 0) {
    return "'" + dir + "' cannot be created or written: " + p.string() +
           " is not writable for this user; pick a directory it may write (e.g. under the storage's)";
  }
  return {};
}

void read_backup(yaml_reader& r, const YAML::Node& storage, config& cfg) {
  auto backup = r.map_field(storage, "storage", "backup");
  if (!backup || !r.check_map(*backup, "storage.backup", backup_keys)) return;
  backup_config b;
  b.dir = "backups/";
  b.keep = 14;
  if (r.read_duration(*backup, "storage.backup", "every", b.every, need::required) &&
      b.every < min_backup_every) {
    r.fail(field_line(*backup, "every"), "storage.backup.every",
           "must be at least 1s; write it like 6h (tests may use 1s)");
  }
  r.read_count(*backup, "storage.backup", "keep", b.keep, 1);
  if (r.read_string(*backup, "storage.backup", "dir", b.dir)) {
    if (auto problem = uncreatable_dir_problem(b.dir); !problem.empty()) {
      r.fail(field_line(*backup, "dir"), "storage.backup.dir", problem);
    }
  }
  cfg.storage.backup = b;
}

// A user's postmortem template is read and parsed now, so that a typo in it is a config error
// at start (or a refused reload) instead of a failed export in the middle of an incident.
void read_postmortem_template(yaml_reader& r, const YAML::Node& node, postmortem_config& pm) {
  std::string file;
  if (!r.read_string(node, "postmortems", "template", file)) return;
  const int line = field_line(node, "template");
  std::error_code ec;
  std::ifstream in(file, std::ios::binary);
  std::string text(std::istreambuf_iterator<char>(in), {});
  if (!std::filesystem::is_regular_file(file, ec) || (!in && !in.eof())) {
    r.fail(line, "postmortems.template",
           "cannot read the template file '" + file +
               "'; check the path (relative to the working directory) and its permissions");
    return;
  }
  kainjow::mustache::mustache parsed{text};
  if (!parsed.is_valid()) {
    r.fail(line, "postmortems.template",
           "the template file '" + file + "' is not a valid mustache template: " +
               parsed.error_message());
    return;
  }
  pm.template_file = file;
  pm.template_text = std::move(text);
}

// Jira project keys are upper-case letters, digits and '_', starting with a letter.
bool valid_project_key(const std::string& key) {
  if (key.empty() || key.size() > 255 || !(key[0] >= 'A' && key[0] <= 'Z')) return false;
  return std::all_of(key.begin(), key.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; });
}

void check_tracker(yaml_reader& r, const YAML::Node& node, const tracker_config& t) {
  if (!t.project.empty() && !valid_project_key(t.project)) {
    r.fail(field_line(node, "project"), "tracker.project",
           "'" + t.project + "' is not a Jira project key; write the key in capitals, like OPS");
  }
  if (t.issue_type.empty() || t.followup_type.empty()) {
    r.fail(field_line(node, t.issue_type.empty() ? "issue_type" : "followup_type"), "tracker",
           "issue_type and followup_type name Jira issue types and cannot be empty (defaults: Incident, Task)");
  }
  if (t.sync_every < duration{1000}) {
    r.fail(field_line(node, "sync_every"), "tracker.sync_every",
           "must be at least 1s; Jira rate-limits clients that poll harder");
  }
}

}  // namespace

void read_http(yaml_reader& r, const YAML::Node& root, config& cfg) {
  auto& http = cfg.http;
  auto node = r.map_field(root, "", "http");
  if (node && r.check_map(*node, "http", http_keys)) {
    std::string listen;
    if (r.read_string(*node, "http", "listen", listen)) {
      if (valid_listen(listen)) {
        http.listen = listen;
      } else {
        r.fail(field_line(*node, "listen"), "http.listen",
               "'" + listen + "' is not host:port; write it like 127.0.0.1:8080 or 0.0.0.0:8080");
      }
    }
    if (r.read_url(*node, "http", "public_url", http.public_url)) {
      strip_trailing_slashes(http.public_url);
    }
    std::vector<std::string> tokens;
    r.read_strings(*node, "http", "webhook_tokens", tokens);
    // "${ALERT_TOKEN:-}" with the variable unset means "no token here", not an empty password.
    for (auto& t : tokens) {
      if (!t.empty()) http.webhook_tokens.push_back(std::move(t));
    }
    r.read_size(*node, "http", "max_body", http.max_body);
  }
  if (http.public_url.empty()) http.public_url = "http://" + http.listen;
}

void read_storage(yaml_reader& r, const YAML::Node& root, config& cfg) {
  auto node = r.field(root, "", "storage");
  if (!node) return;
  std::string url;
  std::string path = "storage";
  if (node->IsScalar()) {
    auto text = r.scalar(*node, path, line_of(*node));
    if (!text) return;
    url = *text;
  } else {
    if (!r.check_map(*node, path, storage_keys)) return;
    if (!r.read_string(*node, path, "url", url, need::required)) return;
    path = "storage.url";
    read_backup(r, *node, cfg);
    if (cfg.storage.backup && !url.starts_with("sqlite:")) {
      r.fail(field_line(*node, "backup"), "storage.backup",
             "scheduled backups need SQLite storage (sqlite:PATH); back a PostgreSQL database up with its own tools");
    }
  }
  if (!valid_storage_url(url)) {
    // Not echoed: a postgresql:// URL may carry a password.
    r.fail(line_of(*node), path,
           "must be sqlite:PATH (e.g. sqlite:oncallbot.db) or a postgresql:// URL");
    return;
  }
  cfg.storage.url = url;
}

void read_log(yaml_reader& r, const YAML::Node& root, config& cfg) {
  auto node = r.map_field(root, "", "log");
  if (!node || !r.check_map(*node, "log", log_keys)) return;
  r.read_choice(*node, "log", "level", log_levels, cfg.log.level);
  r.read_choice(*node, "log", "format", log_formats, cfg.log.format);
}

void read_tracker(yaml_reader& r, const YAML::Node& root, config& cfg) {
  auto node = r.map_field(root, "", "tracker");
  if (!node || !r.check_map(*node, "tracker", tracker_keys)) return;
  tracker_config t;
  r.read_choice(*node, "tracker", "kind", tracker_kinds, t.kind, need::required);
  if (r.read_url(*node, "tracker", "url", t.url, need::required)) strip_trailing_slashes(t.url);
  r.read_string(*node, "tracker", "project", t.project, need::required);
  r.read_string(*node, "tracker", "user", t.user);
  r.read_string(*node, "tracker", "token", t.token);
  r.read_string(*node, "tracker", "issue_type", t.issue_type);
  r.read_string(*node, "tracker", "followup_type", t.followup_type);
  r.read_duration(*node, "tracker", "sync_every", t.sync_every);
  check_tracker(r, *node, t);
  cfg.tracker = t;
}

void read_postmortems(yaml_reader& r, const YAML::Node& root, config& cfg) {
  auto node = r.map_field(root, "", "postmortems");
  if (!node || !r.check_map(*node, "postmortems", postmortem_keys)) return;
  r.read_string(*node, "postmortems", "dir", cfg.postmortems.dir);
  r.read_bool(*node, "postmortems", "git", cfg.postmortems.git);
  r.read_timezone(*node, "postmortems", "timezone", cfg.postmortems.timezone);
  read_postmortem_template(r, *node, cfg.postmortems);
}

}  // namespace oncall
