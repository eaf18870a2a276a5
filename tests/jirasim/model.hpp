// Role: jirasim's state: one project with its issue types, a three-status workflow (To Do,
// In Progress, Done in the status categories new, indeterminate and done), the known users,
// and the issues with their comments and attachments. Rendering to Jira's JSON shapes lives here
// too, so the REST routes and the control API show the same thing.
#pragma once

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace jirasim {

using nlohmann::json;

enum class flavor { cloud, datacenter };

struct status_def {
  std::string id;
  std::string name;
  std::string category;  // new | indeterminate | done
};

struct transition_def {
  std::string id;
  std::string name;
  std::string to;  // status id
};

struct attachment {
  std::string id;
  std::string filename;
  std::string mime_type;
  std::string content;
};

struct issue {
  std::string id;
  std::string key;
  std::string summary;
  std::string description;
  std::string issue_type;
  std::vector<std::string> labels;
  std::string assignee;  // account id (Cloud) or user name (Data Center); empty: unassigned
  std::string status_id = "1";
  std::vector<std::string> comments;
  std::vector<attachment> attachments;
  std::string created;
  std::string updated;
};

struct options {
  flavor kind = flavor::cloud;
  std::string user = "bot@example.com";  // Cloud: Basic user:token
  std::string token = "jira-test-token";
  std::string project = "OPS";
  std::vector<std::string> issue_types = {"Incident", "Task", "Bug"};
  std::set<std::string> users;  // assignable account ids / user names
  unsigned short port = 0;          // REST API
  unsigned short control_port = 0;  // /_sim control API
  std::string port_file;
};

// Everything the simulator knows, behind one mutex (cpp-httplib serves on several threads).
struct state {
  explicit state(options o);

  options opts;
  std::mutex lock;
  std::string base_url;  // http://127.0.0.1:PORT, for "self" links
  std::vector<issue> issues;
  int next_id = 10000;
  int next_attachment = 20000;
  std::vector<json> requests;  // {method, path, status}

  // Faults for the next API requests.
  int fail_count = 0;
  int fail_status = 503;
  int fail_retry_after = 0;  // seconds; 0: no Retry-After header
  bool fail_after_applying = false;
  std::string fail_method;  // empty: any
  std::string fail_path;    // empty: any

  static const std::vector<status_def>& statuses();
  static const std::vector<transition_def>& transitions();
  static const status_def* find_status(const std::string& id_or_name);

  issue* find_issue(const std::string& id_or_key);
  json status_json(const std::string& status_id) const;
  // The issue as GET /rest/api/2/issue returns it; `fields` empty: every field.
  json issue_json(const issue& i, const std::set<std::string>& fields) const;
  // The issue for the control API (everything, flat).
  json control_json(const issue& i) const;
};

std::string now_iso();

}  // namespace jirasim
