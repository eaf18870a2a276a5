// Building Jira requests and reading Jira's answers (see jira_api.hpp).
#include "bot/tracker/jira_api.hpp"

#include <algorithm>

#include "bot/core/severity.hpp"
#include "bot/net/url.hpp"

namespace oncall {

using nlohmann::json;

namespace {

std::string base64(const std::string& in) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -6;
  for (unsigned char c : in) {
    val = (val << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out.push_back(table[(val >> bits) & 0x3F]);
      bits -= 6;
    }
  }
  if (bits > -6) out.push_back(table[((val << 8) >> (bits + 8)) & 0x3F]);
  while (out.size() % 4) out.push_back('=');
  return out;
}

// Jira caps a summary at 255 characters; cut at a UTF-8 boundary.
std::string summary_text(const std::string& text) {
  constexpr std::size_t limit = 250;
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

std::string when(const std::optional<time_point>& t) { return t ? format_iso8601(*t) : "—"; }

std::string joined_messages(const json& body) {
  std::string out;
  auto add = [&](const std::string& s) {
    if (s.empty()) return;
    if (!out.empty()) out += "; ";
    out += s;
  };
  if (body.is_object()) {
    for (const auto& m : body.value("errorMessages", json::array())) {
      if (m.is_string()) add(m.get<std::string>());
    }
    auto errors = body.value("errors", json::object());
    if (errors.is_object()) {
      for (auto it = errors.begin(); it != errors.end(); ++it) {
        if (it.value().is_string()) add(it.key() + ": " + it.value().get<std::string>());
      }
    }
  }
  return out;
}

}  // namespace

bool jira_is_cloud(const tracker_config& t) { return !t.user.empty(); }

std::string jira_authorization(const tracker_config& t) {
  if (jira_is_cloud(t)) return "Basic " + base64(t.user + ":" + t.token);
  return "Bearer " + t.token;
}

http_request jira_request(const tracker_config& t, const std::string& method, const std::string& path,
                          const std::string& body) {
  http_request r;
  r.method = method;
  r.url = t.url + path;
  r.headers = {{"Authorization", jira_authorization(t)}, {"Accept", "application/json"}};
  if (!body.empty()) r.headers.emplace_back("Content-Type", "application/json");
  r.body = body;
  r.timeout = std::chrono::milliseconds(15'000);
  return r;
}

std::string incident_label(std::int64_t incident_id) {
  return "oncallbot-incident-" + std::to_string(incident_id);
}

std::string followup_label(std::int64_t followup_id) {
  return "oncallbot-followup-" + std::to_string(followup_id);
}

std::string browse_url(const tracker_config& t, const std::string& key) { return t.url + "/browse/" + key; }

std::string search_path(const tracker_config& t, std::int64_t incident_id) {
  const std::string jql =
      "project = \"" + t.project + "\" AND labels = \"" + incident_label(incident_id) + "\"";
  const std::string query = "?jql=" + url_encode(jql) + "&fields=summary,labels,status&maxResults=100";
  // Cloud removed /rest/api/2/search in 2025; Data Center has only that one.
  return (jira_is_cloud(t) ? "/rest/api/3/search/jql" : "/rest/api/2/search") + query;
}

std::vector<jira_issue> parse_search(const json& body) {
  std::vector<jira_issue> out;
  if (!body.is_object() || !body.contains("issues") || !body["issues"].is_array()) return out;
  for (const auto& i : body["issues"]) {
    if (!i.is_object() || !i.contains("key") || !i["key"].is_string()) continue;
    jira_issue issue;
    issue.key = i["key"].get<std::string>();
    auto fields = i.value("fields", json::object());
    if (!fields.is_object()) fields = json::object();
    for (const auto& l : fields.value("labels", json::array())) {
      if (l.is_string()) issue.labels.push_back(l.get<std::string>());
    }
    auto status = fields.value("status", json::object());
    if (status.is_object()) {
      issue.status = status.value("name", "");
      auto category = status.value("statusCategory", json::object());
      if (category.is_object()) issue.category = category.value("key", "");
    }
    out.push_back(std::move(issue));
  }
  return out;
}

std::optional<jira_issue> incident_ticket_in(const std::vector<jira_issue>& found) {
  for (const auto& i : found) {
    bool followup = std::any_of(i.labels.begin(), i.labels.end(), [](const std::string& l) {
      return l.rfind("oncallbot-followup-", 0) == 0;
    });
    if (!followup) return i;
  }
  return std::nullopt;
}

std::optional<jira_issue> followup_ticket_in(const std::vector<jira_issue>& found, std::int64_t followup_id) {
  const auto label = followup_label(followup_id);
  for (const auto& i : found) {
    if (std::find(i.labels.begin(), i.labels.end(), label) != i.labels.end()) return i;
  }
  return std::nullopt;
}

json incident_issue_fields(const tracker_config& t, const incident_facts& facts, bool creating) {
  const incident& inc = facts.inc;
  // Data Center and Cloud both take wiki markup in a v2 description.
  std::string d = "Incident " + inc.display_id() + " recorded by " + facts.bot_name + ".\n\n";
  d += "*Severity:* " + severity_label(inc.severity) + "\n";
  d += "*State:* " + to_string(inc.state) + "\n";
  d += "*Source:* " + inc.source + " (" + std::to_string(inc.alert_count) + " alerts)\n";
  d += "*Opened:* " + format_iso8601(inc.opened_at) + "\n";
  d += "*Acknowledged:* " + when(inc.acked_at) + (inc.acked_by.empty() ? "" : " by " + inc.acked_by) + "\n";
  d += "*Resolved:* " + when(inc.resolved_at) + (inc.resolved_by.empty() ? "" : " by " + inc.resolved_by) + "\n";
  if (inc.resolved_at) d += "*Time to resolve:* " + format_duration(*inc.resolved_at - inc.opened_at) + "\n";
  if (!inc.lead.empty()) d += "*Lead:* " + inc.lead + "\n";
  d += "*Root cause:* " + to_string(inc.cause) + (inc.cause_text.empty() ? "" : ": " + inc.cause_text) + "\n";
  if (!facts.room_link.empty()) d += "*Incident room:* [" + facts.room_link + "]\n";
  for (const auto& l : inc.links) d += "*" + l.label + ":* [" + l.url + "]\n";
  json fields = {{"summary", summary_text("Incident " + inc.display_id() + " (" + severity_label(inc.severity) +
                                          "): " + inc.title)},
                 {"description", d},
                 {"labels", {"oncallbot", incident_label(inc.id)}}};
  if (creating) {
    fields["project"] = {{"key", t.project}};
    fields["issuetype"] = {{"name", t.issue_type}};
  }
  return fields;
}

json followup_issue_fields(const tracker_config& t, const followup& f, const incident& inc,
                           const std::string& assignee, const std::string& room_link) {
  std::string d = "Follow-up " + f.display_id() + " of incident " + inc.display_id() + " (" + inc.title +
                  "), added by " + f.created_by + " at " + format_iso8601(f.created_at) + ".\n\n" + f.text + "\n";
  if (!f.owner.empty()) d += "\n*Owner:* " + f.owner + "\n";
  if (!room_link.empty()) d += "*Incident room:* [" + room_link + "]\n";
  json fields = {{"project", {{"key", t.project}}},
                 {"issuetype", {{"name", t.followup_type}}},
                 {"summary", summary_text(f.text)},
                 {"description", d},
                 {"labels", {"oncallbot", incident_label(inc.id), followup_label(f.id)}}};
  if (!assignee.empty()) {
    // Cloud names people by account id; Data Center by user name.
    fields["assignee"] = jira_is_cloud(t) ? json{{"accountId", assignee}} : json{{"name", assignee}};
  }
  return fields;
}

std::string incident_update_comment(const incident& inc) {
  std::string c = "oncallbot: " + inc.display_id() + " is " + to_string(inc.state);
  if (inc.resolved_at) {
    c += " since " + format_iso8601(*inc.resolved_at) + (inc.resolved_by.empty() ? "" : " (" + inc.resolved_by + ")");
    c += "; time to resolve " + format_duration(*inc.resolved_at - inc.opened_at);
  }
  return c + ". Severity " + severity_label(inc.severity) + ", root cause " + to_string(inc.cause) + ".";
}

std::optional<std::string> done_transition(const json& body) {
  if (!body.is_object() || !body.contains("transitions") || !body["transitions"].is_array()) return std::nullopt;
  for (const auto& t : body["transitions"]) {
    if (!t.is_object()) continue;
    auto to = t.value("to", json::object());
    auto category = to.is_object() ? to.value("statusCategory", json::object()) : json::object();
    if (category.is_object() && category.value("key", "") == "done" && t.contains("id")) {
      return t["id"].is_string() ? t["id"].get<std::string>() : t["id"].dump();
    }
  }
  return std::nullopt;
}

jira_answer read_answer(const tracker_config& t, const http_response& r) {
  jira_answer a;
  a.status = r.status;
  if (!r.body.empty()) a.body = json::parse(r.body, nullptr, false);
  if (a.body.is_discarded()) a.body = nullptr;
  if (!r.error.empty() || r.status == 0) {
    a.failure = jira_failure::unreachable;
    a.message = "Jira at " + t.url + " is not reachable (" + (r.error.empty() ? "no answer" : r.error) + ")";
    return a;
  }
  if (r.status >= 200 && r.status < 300) return a;
  const std::string said = joined_messages(a.body);
  const std::string detail = said.empty() ? "" : ": " + said;
  if (r.status == 429) {
    a.failure = jira_failure::rate_limited;
    a.retry_after = r.retry_after();
    a.message = "Jira is rate-limiting oncallbot (429)";
  } else if (r.status >= 500) {
    a.failure = jira_failure::server;
    a.message = "Jira answered " + std::to_string(r.status) + detail;
  } else if (r.status == 401) {
    a.failure = jira_failure::auth;
    a.message = std::string("Jira refused oncallbot's credentials (401); check tracker.token") +
                (jira_is_cloud(t) ? " and tracker.user (the API token's account email)"
                                  : " (a Data Center personal access token)");
  } else if (r.status == 403) {
    a.failure = jira_failure::forbidden;
    a.message = "Jira does not let oncallbot's account do this (403)" + detail +
                "; give it Browse, Create, Edit and Transition permissions in project " + t.project;
  } else if (r.status == 404) {
    a.failure = jira_failure::not_found;
    a.message = "Jira has no such issue or endpoint (404)" + detail + "; check tracker.url and tracker.project";
  } else {
    a.failure = jira_failure::invalid;
    a.message = "Jira refused the ticket (" + std::to_string(r.status) + ")" + detail +
                "; check tracker.project, tracker.issue_type / followup_type and people[].jira";
  }
  return a;
}

}  // namespace oncall
