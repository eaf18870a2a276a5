// Role: Jira REST routes (see rest.hpp): issue create/read/edit, comments, transitions,
// attachments and search; errors in Jira's {errorMessages, errors} shape.
#include "rest.hpp"

#include <algorithm>

#include "jql.hpp"

namespace jirasim {

namespace {

void reply(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json;charset=UTF-8");
}

void error_reply(httplib::Response& res, int status, std::vector<std::string> messages,
                 json errors = json::object()) {
  reply(res, status, {{"errorMessages", messages}, {"errors", errors}});
}

// Cloud takes an API token with Basic auth (email:token) only; Data Center takes a personal
// access token as Bearer, or Basic with user name and password (here: the token).
bool authenticated(const state& st, const httplib::Request& req) {
  auto auth = req.get_header_value("Authorization");
  const std::string basic = httplib::make_basic_authentication_header(st.opts.user, st.opts.token).second;
  if (auth == basic) return true;
  return st.opts.kind == flavor::datacenter && auth == "Bearer " + st.opts.token;
}

bool json_body(const httplib::Request& req, httplib::Response& res, json& out) {
  auto type = req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0) {
    // Jira answers a POST without a JSON content type with 415.
    res.status = 415;
    res.set_content("Unsupported Media Type", "text/plain");
    return false;
  }
  out = json::parse(req.body, nullptr, false);
  if (out.is_discarded() || !out.is_object()) {
    error_reply(res, 400, {"Unexpected character in the request body: not valid JSON."});
    return false;
  }
  return true;
}

std::set<std::string> field_list(const std::string& param) {
  std::set<std::string> out;
  std::size_t start = 0;
  while (start <= param.size()) {
    auto comma = param.find(',', start);
    auto item = param.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.insert(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string assignee_of(const state& st, const json& a, std::string& problem) {
  if (a.is_null()) return {};
  if (!a.is_object()) {
    problem = "data was not an object";
    return {};
  }
  // Cloud identifies people by accountId only (user names were removed for privacy).
  const char* field = st.opts.kind == flavor::cloud ? "accountId" : "name";
  if (!a.contains(field) || !a[field].is_string()) {
    problem = st.opts.kind == flavor::cloud ? "Specify the user by accountId." : "Specify the user by name.";
    return {};
  }
  std::string who = a[field].get<std::string>();
  if (!st.opts.users.count(who)) {
    problem = st.opts.kind == flavor::cloud ? "Specify a valid value for assignee"
                                            : "User '" + who + "' does not exist.";
    return {};
  }
  return who;
}

// Validates the fields of a create or edit; fills `into` and returns the errors by field.
json apply_fields(state& st, const json& fields, issue& into, bool creating) {
  json errors = json::object();
  auto text = [&](const char* name) -> std::optional<std::string> {
    if (!fields.contains(name)) return std::nullopt;
    if (!fields[name].is_string() && !fields[name].is_null()) {
      errors[name] = std::string("Operation value must be a string");
      return std::nullopt;
    }
    return fields[name].is_null() ? std::string{} : fields[name].get<std::string>();
  };
  if (creating) {
    auto project = fields.value("project", json::object());
    std::string key = project.is_object() ? project.value("key", "") : "";
    if (key.empty()) {
      errors["project"] = "project is required";
    } else if (key != st.opts.project) {
      errors["project"] = "valid project is required";
    }
    auto type = fields.value("issuetype", json::object());
    std::string name = type.is_object() ? type.value("name", "") : "";
    if (name.empty()) {
      errors["issuetype"] = "issue type is required";
    } else if (std::find(st.opts.issue_types.begin(), st.opts.issue_types.end(), name) ==
               st.opts.issue_types.end()) {
      errors["issuetype"] = "Specify a valid issue type";
    } else {
      into.issue_type = name;
    }
  }
  if (auto s = text("summary")) {
    if (s->empty()) errors["summary"] = "You must specify a summary of the issue.";
    else if (s->size() > 255) errors["summary"] = "Summary must be less than 255 characters.";
    else into.summary = *s;
  } else if (creating && !errors.contains("summary")) {
    errors["summary"] = "You must specify a summary of the issue.";
  }
  if (auto d = text("description")) into.description = *d;
  if (fields.contains("labels")) {
    if (!fields["labels"].is_array()) {
      errors["labels"] = "data was not an array";
    } else {
      into.labels.clear();
      for (const auto& l : fields["labels"]) {
        std::string label = l.is_string() ? l.get<std::string>() : "";
        if (label.empty() || label.find(' ') != std::string::npos) {
          errors["labels"] = "The label '" + label + "' contains spaces which is invalid.";
        } else {
          into.labels.push_back(label);
        }
      }
    }
  }
  if (fields.contains("assignee")) {
    std::string problem;
    into.assignee = assignee_of(st, fields["assignee"], problem);
    if (!problem.empty()) errors["assignee"] = problem;
  }
  return errors;
}

void create_issue(state& st, const httplib::Request& req, httplib::Response& res) {
  json body;
  if (!json_body(req, res, body)) return;
  if (!body.contains("fields") || !body["fields"].is_object()) {
    error_reply(res, 400, {}, {{"project", "project is required"},
                               {"summary", "You must specify a summary of the issue."}});
    return;
  }
  issue i;
  auto errors = apply_fields(st, body["fields"], i, true);
  if (!errors.empty()) {
    error_reply(res, 400, {}, errors);
    return;
  }
  i.id = std::to_string(st.next_id++);
  i.key = st.opts.project + "-" + std::to_string(st.issues.size() + 1);
  i.created = i.updated = now_iso();
  st.issues.push_back(i);
  reply(res, 201, {{"id", i.id}, {"key", i.key}, {"self", st.base_url + "/rest/api/2/issue/" + i.id}});
}

void not_found(httplib::Response& res) {
  error_reply(res, 404, {"Issue does not exist or you do not have permission to see it."});
}

void edit_issue(state& st, issue& i, const httplib::Request& req, httplib::Response& res) {
  json body;
  if (!json_body(req, res, body)) return;
  issue edited = i;
  auto errors = apply_fields(st, body.value("fields", json::object()), edited, false);
  if (!errors.empty()) {
    error_reply(res, 400, {}, errors);
    return;
  }
  edited.updated = now_iso();
  i = edited;
  res.status = 204;
}

void add_comment(state& st, issue& i, const httplib::Request& req, httplib::Response& res) {
  json body;
  if (!json_body(req, res, body)) return;
  if (!body.contains("body") || !body["body"].is_string() || body["body"].get<std::string>().empty()) {
    error_reply(res, 400, {}, {{"comment", "Comment body can not be empty!"}});
    return;
  }
  i.comments.push_back(body["body"].get<std::string>());
  auto id = std::to_string(st.next_id++);
  auto now = now_iso();
  reply(res, 201, {{"self", st.base_url + "/rest/api/2/issue/" + i.id + "/comment/" + id},
                   {"id", id}, {"body", i.comments.back()}, {"created", now}, {"updated", now}});
}

void list_transitions(state& st, issue& i, httplib::Response& res) {
  json out = json::array();
  for (const auto& t : state::transitions()) {
    if (t.to == i.status_id) continue;  // no transition to where the issue is already
    out.push_back({{"id", t.id}, {"name", t.name}, {"to", st.status_json(t.to)},
                   {"hasScreen", false}, {"isGlobal", true}, {"isInitial", false},
                   {"isAvailable", true}, {"isConditional", false}});
  }
  reply(res, 200, {{"expand", "transitions"}, {"transitions", out}});
}

void do_transition(issue& i, const httplib::Request& req, httplib::Response& res) {
  json body;
  if (!json_body(req, res, body)) return;
  auto t = body.value("transition", json::object());
  std::string id = t.is_object() && t.contains("id") ? (t["id"].is_string() ? t["id"].get<std::string>()
                                                                            : t["id"].dump())
                                                     : "";
  for (const auto& def : state::transitions()) {
    if (def.id == id && def.to != i.status_id) {
      i.status_id = def.to;
      i.updated = now_iso();
      res.status = 204;
      return;
    }
  }
  error_reply(res, 400, {"Transition id '" + id + "' is not valid for this issue."});
}

void add_attachment(state& st, issue& i, const httplib::Request& req, httplib::Response& res) {
  if (req.get_header_value("X-Atlassian-Token") != "no-check") {
    res.status = 403;
    res.set_content("XSRF check failed", "text/plain");
    return;
  }
  if (!req.is_multipart_form_data() || !req.has_file("file")) {
    error_reply(res, 400, {"The request must be multipart/form-data with the file in a part named 'file'."});
    return;
  }
  auto file = req.get_file_value("file");
  attachment a{std::to_string(st.next_attachment++), file.filename,
               file.content_type.empty() ? "application/octet-stream" : file.content_type, file.content};
  i.attachments.push_back(a);
  reply(res, 200, json::array({{{"self", st.base_url + "/rest/api/2/attachment/" + a.id},
                                {"id", a.id}, {"filename", a.filename}, {"size", a.content.size()},
                                {"mimeType", a.mime_type}, {"created", now_iso()}}}));
}

void search(state& st, const httplib::Request& req, httplib::Response& res, bool enhanced) {
  std::string error;
  auto q = parse_jql(req.get_param_value("jql"), error);
  if (!q) {
    error_reply(res, 400, {error});
    return;
  }
  // The enhanced search returns issue ids only unless fields are asked for.
  auto fields = field_list(req.get_param_value("fields"));
  if (enhanced && fields.empty()) fields.insert("id-only");
  json issues = json::array();
  for (const auto& i : st.issues) {
    if (!matches(*q, i, st.opts.project)) continue;
    auto j = st.issue_json(i, fields);
    if (enhanced && fields.count("id-only")) j = {{"id", i.id}};
    issues.push_back(j);
  }
  if (enhanced) {
    reply(res, 200, {{"issues", issues}, {"isLast", true}});
  } else {
    reply(res, 200, {{"expand", "schema,names"}, {"startAt", 0}, {"maxResults", 50},
                     {"total", issues.size()}, {"issues", issues}});
  }
}

// Routes one API request after authentication; `res` holds the answer.
void route(state& st, const httplib::Request& req, httplib::Response& res) {
  const std::string& p = req.path;
  const std::string issue_prefix = "/rest/api/2/issue/";
  if (p == "/rest/api/2/issue" && req.method == "POST") return create_issue(st, req, res);
  if (p == "/rest/api/2/search" && req.method == "GET") {
    if (st.opts.kind == flavor::cloud) {
      error_reply(res, 410, {"The requested API has been removed. Please migrate to the /rest/api/3/search/jql API."});
      return;
    }
    return search(st, req, res, false);
  }
  if (p == "/rest/api/3/search/jql" && req.method == "GET") {
    if (st.opts.kind == flavor::datacenter) {
      res.status = 404;
      return;
    }
    return search(st, req, res, true);
  }
  if (p.rfind(issue_prefix, 0) == 0) {
    std::string rest = p.substr(issue_prefix.size());
    auto slash = rest.find('/');
    std::string key = rest.substr(0, slash);
    std::string sub = slash == std::string::npos ? "" : rest.substr(slash + 1);
    issue* i = st.find_issue(key);
    if (!i) return not_found(res);
    if (sub.empty() && req.method == "GET") {
      return reply(res, 200, st.issue_json(*i, field_list(req.get_param_value("fields"))));
    }
    if (sub.empty() && req.method == "PUT") return edit_issue(st, *i, req, res);
    if (sub == "comment" && req.method == "POST") return add_comment(st, *i, req, res);
    if (sub == "transitions" && req.method == "GET") return list_transitions(st, *i, res);
    if (sub == "transitions" && req.method == "POST") return do_transition(*i, req, res);
    if (sub == "attachments" && req.method == "POST") return add_attachment(st, *i, req, res);
  }
  error_reply(res, 404, {"No resource for " + req.method + " " + p});
}

void handle(state& st, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard guard(st.lock);
  bool fault = st.fail_count > 0 && (st.fail_method.empty() || st.fail_method == req.method) &&
               (st.fail_path.empty() || st.fail_path == req.path);
  if (fault) --st.fail_count;
  if (fault && !st.fail_after_applying) {
    // fall through to the injected answer without touching anything
  } else if (!authenticated(st, req)) {
    res.set_header("WWW-Authenticate", "Basic realm=\"protected-area\"");
    error_reply(res, 401, {"You are not authenticated. Authentication required to perform this operation."});
  } else {
    route(st, req, res);
  }
  if (fault) {
    res.status = st.fail_status;
    res.body.clear();
    json body = {{"errorMessages", {"simulated failure " + std::to_string(st.fail_status)}}, {"errors", json::object()}};
    res.set_content(body.dump(), "application/json");
    if (st.fail_retry_after > 0) res.set_header("Retry-After", std::to_string(st.fail_retry_after));
  }
  st.requests.push_back({{"method", req.method}, {"path", req.path}, {"status", res.status}});
}

}  // namespace

void add_rest_routes(httplib::Server& server, state& st) {
  auto h = [&st](const httplib::Request& req, httplib::Response& res) { handle(st, req, res); };
  server.Get("/rest/.*", h);
  server.Post("/rest/.*", h);
  server.Put("/rest/.*", h);
}

}  // namespace jirasim
