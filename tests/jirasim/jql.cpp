// Role: parsing and matching the JQL subset (see jql.hpp).
#include "jql.hpp"

#include <algorithm>
#include <cctype>

namespace jirasim {

namespace {

struct lexer {
  const std::string& s;
  std::size_t pos = 0;

  void skip() {
    while (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos]))) ++pos;
  }
  bool done() {
    skip();
    return pos >= s.size();
  }
  bool take(char c) {
    skip();
    if (pos < s.size() && s[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  // A bare word or a "quoted string"; empty when neither is here.
  std::optional<std::string> word() {
    skip();
    if (pos >= s.size()) return std::nullopt;
    if (s[pos] == '"' || s[pos] == '\'') {
      char quote = s[pos++];
      std::string out;
      while (pos < s.size() && s[pos] != quote) {
        if (s[pos] == '\\' && pos + 1 < s.size()) ++pos;
        out += s[pos++];
      }
      if (pos >= s.size()) return std::nullopt;
      ++pos;
      return out;
    }
    std::string out;
    while (pos < s.size() && (std::isalnum(static_cast<unsigned char>(s[pos])) || s[pos] == '-' ||
                              s[pos] == '_' || s[pos] == '.')) {
      out += s[pos++];
    }
    if (out.empty()) return std::nullopt;
    return out;
  }
};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool known_field(const std::string& f) {
  return f == "project" || f == "labels" || f == "key" || f == "issuetype";
}

}  // namespace

std::optional<jql_query> parse_jql(const std::string& text, std::string& error) {
  lexer lx{text};
  jql_query q;
  while (!lx.done()) {
    auto field = lx.word();
    if (!field) {
      error = "Error in the JQL Query: expecting a field name at character " + std::to_string(lx.pos) + ".";
      return std::nullopt;
    }
    if (lower(*field) == "order") {
      break;  // ORDER BY …: results come in creation order anyway
    }
    if (!known_field(lower(*field))) {
      error = "Field '" + *field + "' does not exist or you do not have permission to view it.";
      return std::nullopt;
    }
    jql_clause c{lower(*field), {}};
    if (lx.take('=')) {
      auto v = lx.word();
      if (!v) {
        error = "Error in the JQL Query: expecting a value after '='.";
        return std::nullopt;
      }
      c.values.push_back(*v);
    } else if (auto op = lx.word(); op && lower(*op) == "in" && lx.take('(')) {
      do {
        auto v = lx.word();
        if (!v) {
          error = "Error in the JQL Query: expecting a value in the list.";
          return std::nullopt;
        }
        c.values.push_back(*v);
      } while (lx.take(','));
      if (!lx.take(')')) {
        error = "Error in the JQL Query: expecting ')'.";
        return std::nullopt;
      }
    } else {
      error = "Error in the JQL Query: expecting an operator ('=' or 'in') after '" + *field + "'.";
      return std::nullopt;
    }
    q.clauses.push_back(std::move(c));
    if (lx.done()) break;
    auto joiner = lx.word();
    if (joiner && lower(*joiner) == "order") break;
    if (!joiner || lower(*joiner) != "and") {
      error = "Error in the JQL Query: only AND is supported here.";
      return std::nullopt;
    }
  }
  if (q.clauses.empty()) {
    // Cloud's /search/jql refuses unbounded queries.
    error = "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.";
    return std::nullopt;
  }
  return q;
}

bool matches(const jql_query& q, const issue& i, const std::string& project) {
  for (const auto& c : q.clauses) {
    auto any = [&](auto pred) { return std::any_of(c.values.begin(), c.values.end(), pred); };
    bool ok = false;
    if (c.field == "project") {
      ok = any([&](const std::string& v) { return v == project; });
    } else if (c.field == "key") {
      ok = any([&](const std::string& v) { return v == i.key; });
    } else if (c.field == "issuetype") {
      ok = any([&](const std::string& v) { return lower(v) == lower(i.issue_type); });
    } else if (c.field == "labels") {
      ok = any([&](const std::string& v) {
        return std::find(i.labels.begin(), i.labels.end(), v) != i.labels.end();
      });
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace jirasim
