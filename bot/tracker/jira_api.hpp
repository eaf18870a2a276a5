// Jira's REST API as oncallbot uses it, without I/O: how requests are built (auth, paths, the
// fields of incident and follow-up issues) and how answers are read (created keys, search
// results, transitions, and errors sorted into what a retry can fix and what a person must fix).
// docs/jira.md lists the facts this relies on and where they come from.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/followup.hpp"
#include "bot/core/incident.hpp"
#include "bot/net/http_client.hpp"
#include "config/config.hpp"

namespace oncall {

// What went wrong with a Jira call, as far as retrying goes.
enum class jira_failure {
  none,
  unreachable,   // no answer: connection refused, timeout, TLS
  rate_limited,  // 429 (Retry-After honoured)
  server,        // 5xx
  auth,          // 401: credentials wrong or expired
  forbidden,     // 403: the account may not do this
  invalid,       // 400: Jira refused the fields
  not_found,     // 404
};

struct jira_answer {
  jira_failure failure = jira_failure::none;
  int status = 0;
  std::string message;  // one line for the room: what went wrong and the fix
  std::optional<duration> retry_after;
  nlohmann::json body;  // parsed JSON body (null when none)

  bool ok() const { return failure == jira_failure::none; }
  // A retry of the same request cannot succeed until someone changes the config or Jira.
  bool permanent() const {
    return failure == jira_failure::auth || failure == jira_failure::forbidden ||
           failure == jira_failure::invalid || failure == jira_failure::not_found;
  }
};

// An issue as a search returns it.
struct jira_issue {
  std::string key;
  std::vector<std::string> labels;
  std::string status;    // workflow status name
  std::string category;  // new | indeterminate | done
};

// Cloud when a user is configured (Basic email:API token); Data Center otherwise (Bearer
// personal access token).
bool jira_is_cloud(const tracker_config& t);
std::string jira_authorization(const tracker_config& t);
http_request jira_request(const tracker_config& t, const std::string& method, const std::string& path,
                          const std::string& body = "");

// The label every ticket of an incident carries, and the one that marks a follow-up's ticket.
std::string incident_label(std::int64_t incident_id);
std::string followup_label(std::int64_t followup_id);
std::string browse_url(const tracker_config& t, const std::string& key);

// The search for an incident's tickets: Cloud's /rest/api/3/search/jql, Data Center's
// /rest/api/2/search, with the fields read back.
std::string search_path(const tracker_config& t, std::int64_t incident_id);
std::vector<jira_issue> parse_search(const nlohmann::json& body);
// The incident's own ticket among the search results (the one no follow-up label marks).
std::optional<jira_issue> incident_ticket_in(const std::vector<jira_issue>& found);
std::optional<jira_issue> followup_ticket_in(const std::vector<jira_issue>& found, std::int64_t followup_id);

struct incident_facts {
  const incident& inc;
  std::string room_link;  // permalink of the announcement; empty when not announced
  std::string bot_name = "oncallbot";
};

// `fields` of the incident's issue (create: project and issue type too).
nlohmann::json incident_issue_fields(const tracker_config& t, const incident_facts& facts, bool creating);
// `fields` of a follow-up's issue; `assignee` is the person's people[].jira (empty: none).
nlohmann::json followup_issue_fields(const tracker_config& t, const followup& f, const incident& inc,
                                     const std::string& assignee, const std::string& room_link);
// The comment an update of the incident's ticket adds: its state now.
std::string incident_update_comment(const incident& inc);

// The id of a transition to a status in the done category, if the workflow offers one now.
std::optional<std::string> done_transition(const nlohmann::json& transitions_body);

// Sorts an HTTP answer into success or a jira_failure with a message that names the fix.
jira_answer read_answer(const tracker_config& t, const http_response& r);

}  // namespace oncall
