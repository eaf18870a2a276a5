// Role: jirasim's state and its rendering in Jira's JSON shapes (issue, status, user).
#include "model.hpp"

#include <chrono>
#include <ctime>

namespace jirasim {

std::string now_iso() {
  // Jira writes times like 2026-12-04T13:20:12.000+0000.
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S.000+0000", &tm);
  return buf;
}

state::state(options o) : opts(std::move(o)) {}

const std::vector<status_def>& state::statuses() {
  static const std::vector<status_def> all = {
      {"1", "To Do", "new"}, {"3", "In Progress", "indeterminate"}, {"10001", "Done", "done"}};
  return all;
}

const std::vector<transition_def>& state::transitions() {
  static const std::vector<transition_def> all = {
      {"11", "To Do", "1"}, {"21", "In Progress", "3"}, {"31", "Done", "10001"}};
  return all;
}

const status_def* state::find_status(const std::string& id_or_name) {
  for (const auto& s : statuses()) {
    if (s.id == id_or_name || s.name == id_or_name || s.category == id_or_name) return &s;
  }
  return nullptr;
}

issue* state::find_issue(const std::string& id_or_key) {
  for (auto& i : issues) {
    if (i.id == id_or_key || i.key == id_or_key) return &i;
  }
  return nullptr;
}

namespace {

json category_json(const std::string& key) {
  // Jira's three built-in status categories (plus "undefined", never used by a status).
  if (key == "new") return {{"id", 2}, {"key", "new"}, {"colorName", "blue-gray"}, {"name", "To Do"}};
  if (key == "indeterminate") {
    return {{"id", 4}, {"key", "indeterminate"}, {"colorName", "yellow"}, {"name", "In Progress"}};
  }
  return {{"id", 3}, {"key", "done"}, {"colorName", "green"}, {"name", "Done"}};
}

}  // namespace

json state::status_json(const std::string& status_id) const {
  const status_def* s = find_status(status_id);
  if (!s) s = &statuses().front();
  json category = category_json(s->category);
  category["self"] = base_url + "/rest/api/2/statuscategory/" + std::to_string(category["id"].get<int>());
  return {{"self", base_url + "/rest/api/2/status/" + s->id},
          {"id", s->id},
          {"name", s->name},
          {"description", ""},
          {"statusCategory", category}};
}

json state::issue_json(const issue& i, const std::set<std::string>& fields) const {
  auto wanted = [&](const std::string& f) {
    return fields.empty() || fields.count(f) || fields.count("*all");
  };
  json f = json::object();
  if (wanted("summary")) f["summary"] = i.summary;
  if (wanted("description")) f["description"] = i.description.empty() ? json(nullptr) : json(i.description);
  if (wanted("labels")) f["labels"] = i.labels;
  if (wanted("status")) f["status"] = status_json(i.status_id);
  if (wanted("issuetype")) f["issuetype"] = {{"name", i.issue_type}, {"subtask", false}};
  if (wanted("project")) f["project"] = {{"key", opts.project}, {"name", opts.project}};
  if (wanted("created")) f["created"] = i.created;
  if (wanted("updated")) f["updated"] = i.updated;
  if (wanted("assignee")) {
    if (i.assignee.empty()) {
      f["assignee"] = nullptr;
    } else if (opts.kind == flavor::cloud) {
      f["assignee"] = {{"accountId", i.assignee}, {"active", true}};
    } else {
      f["assignee"] = {{"name", i.assignee}, {"key", i.assignee}, {"active", true}};
    }
  }
  return {{"id", i.id}, {"key", i.key}, {"self", base_url + "/rest/api/2/issue/" + i.id}, {"fields", f}};
}

json state::control_json(const issue& i) const {
  const status_def* s = find_status(i.status_id);
  json attachments = json::array();
  for (const auto& a : i.attachments) {
    attachments.push_back({{"filename", a.filename}, {"mimeType", a.mime_type},
                           {"size", a.content.size()}, {"content", a.content}});
  }
  return {{"id", i.id},
          {"key", i.key},
          {"summary", i.summary},
          {"description", i.description},
          {"issuetype", i.issue_type},
          {"labels", i.labels},
          {"assignee", i.assignee},
          {"status", s ? s->name : ""},
          {"category", s ? s->category : ""},
          {"comments", i.comments},
          {"attachments", attachments}};
}

}  // namespace jirasim
