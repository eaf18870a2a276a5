// Role: the small subset of JQL the bot sends: clauses `field = value` and `field in (v, …)`
// joined by AND, over project, labels, key and issuetype, with an optional ORDER BY. Anything
// else is refused the way Jira refuses a query it cannot parse (400, "Error in the JQL Query").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model.hpp"

namespace jirasim {

struct jql_clause {
  std::string field;                // lower case
  std::vector<std::string> values;  // any of them matches
};

struct jql_query {
  std::vector<jql_clause> clauses;
};

// nullopt and `error` set when the text is outside the subset.
std::optional<jql_query> parse_jql(const std::string& text, std::string& error);
bool matches(const jql_query& q, const issue& i, const std::string& project);

}  // namespace jirasim
