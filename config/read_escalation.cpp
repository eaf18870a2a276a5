// Who gets woken and in what order: notifiers, escalation policies, and the routes that pick a
// policy for an alert.
#include <algorithm>

#include "config/key_suggestion.hpp"
#include "config/sections.hpp"

namespace oncall {

namespace {

constexpr std::string_view notifier_keys[] = {"name", "kind", "url", "token", "routing_key"};
constexpr std::string_view notifier_kinds[] = {"webhook", "pagerduty"};
constexpr std::string_view policy_keys[] = {"name", "levels", "repeat"};
constexpr std::string_view level_keys[] = {"notify", "after"};
constexpr std::string_view route_keys[] = {"match", "policy", "channel"};

template <typename T>
std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> names;
  for (const auto& x : items) names.push_back(x.name);
  return names;
}

void read_notifier(yaml_reader& r, const YAML::Node& node, const std::string& path, notifier& n) {
  if (!r.check_map(node, path, notifier_keys)) return;
  r.read_string(node, path, "name", n.name, need::required);
  r.read_choice(node, path, "kind", notifier_kinds, n.kind, need::required);
  r.read_url(node, path, "url", n.url, n.kind == "webhook" ? need::required : need::optional);
  r.read_string(node, path, "token", n.token);
  if (n.kind == "pagerduty") {
    // The key may expand to "" (${PD_ROUTING_KEY:-}); writing it down is what we insist on.
    if (r.field(node, path, "routing_key", need::required)) {
      r.read_string(node, path, "routing_key", n.routing_key);
    }
  } else if (n.kind == "webhook" && r.field(node, path, "routing_key")) {
    r.fail(field_line(node, "routing_key"), child_path(path, "routing_key"),
           "only kind pagerduty uses a routing_key; for a webhook use token");
  }
}

// "schedule:primary" → {schedule, "primary"}, checked against what the config defines.
std::optional<notify_target> parse_target(yaml_reader& r, const std::string& text,
                                          const std::string& path, int line, const config& cfg) {
  const auto colon = text.find(':');
  const std::string kind = text.substr(0, colon);
  const std::string name = colon == std::string::npos ? "" : text.substr(colon + 1);
  notify_target t{notify_target::kind::schedule, name};
  std::vector<std::string> known;
  std::string section;
  if (kind == "schedule") {
    known = names_of(cfg.schedules);
    section = "schedules";
  } else if (kind == "person") {
    t.type = notify_target::kind::person;
    known = names_of(cfg.people);
    section = "people";
  } else if (kind == "notifier") {
    t.type = notify_target::kind::notifier;
    known = names_of(cfg.notifiers);
    section = "notifiers";
  }
  if (section.empty() || name.empty()) {
    r.fail(
        line, path,
        "'" + text + "' is not a notify target; write schedule:NAME, person:NAME or notifier:NAME");
    return std::nullopt;
  }
  if (std::find(known.begin(), known.end(), name) == known.end()) {
    r.fail(line, path,
           "there is no " + kind + " named '" + name + "'; " +
               suggestion_or(name, known, "define it under " + section + " or fix the name"));
    return std::nullopt;
  }
  return t;
}

void read_level(yaml_reader& r, const YAML::Node& node, const std::string& path, const config& cfg,
                escalation_level& level) {
  if (!r.check_map(node, path, level_keys)) return;
  const auto notify_p = child_path(path, "notify");
  if (auto notify = r.list_field(node, path, "notify", need::required)) {
    if (notify->size() == 0) {
      r.fail(line_of(*notify), notify_p, "is empty; name who to page, e.g. [schedule:primary]");
    }
    std::size_t i = 0;
    for (const YAML::Node& item : *notify) {
      const auto item_p = item_path(notify_p, i++);
      const int line = line_of(item, line_of(*notify));
      auto text = r.scalar(item, item_p, line);
      if (!text) continue;
      if (auto target = parse_target(r, *text, item_p, line, cfg)) level.notify.push_back(*target);
    }
  }
  r.read_duration(node, path, "after", level.after, need::required);
}

void read_policy(yaml_reader& r, const YAML::Node& node, const std::string& path, const config& cfg,
                 escalation_policy& p) {
  if (!r.check_map(node, path, policy_keys)) return;
  r.read_string(node, path, "name", p.name, need::required);
  r.read_count(node, path, "repeat", p.repeat, 0);
  auto levels = r.list_field(node, path, "levels", need::required);
  if (!levels) return;
  if (levels->size() == 0) {
    r.fail(line_of(*levels), child_path(path, "levels"),
           "has no levels; add at least one, e.g. {notify: [schedule:primary], after: 5m}");
  }
  std::size_t i = 0;
  for (const YAML::Node& item : *levels) {
    escalation_level level;
    read_level(r, item, item_path(child_path(path, "levels"), i++), cfg, level);
    p.levels.push_back(std::move(level));
  }
}

// True when the route has a match with at least one label, even one whose value was bad.
bool read_match(yaml_reader& r, const YAML::Node& node, const std::string& path, route& rt) {
  auto match = r.map_field(node, path, "match");
  if (!match) return false;
  const auto match_p = child_path(path, "match");
  for (auto it = match->begin(); it != match->end(); ++it) {
    const std::string label = it->first.IsScalar() ? it->first.Scalar() : "";
    const auto label_p = child_path(match_p, label);
    auto value = r.scalar(it->second, label_p, line_of(it->second, line_of(it->first)));
    if (value) rt.match[label] = *value;
  }
  return match->size() > 0;
}

}  // namespace

void read_notifiers(yaml_reader& r, const YAML::Node& root, config& cfg) {
  auto list = r.list_field(root, "", "notifiers");
  if (!list) return;
  std::map<std::string, int> names;
  std::size_t i = 0;
  for (const YAML::Node& item : *list) {
    const auto path = item_path("notifiers", i++);
    notifier n;
    read_notifier(r, item, path, n);
    r.check_unique(names, n.name, child_path(path, "name"), field_line(item, "name"), "notifier");
    cfg.notifiers.push_back(std::move(n));
  }
}

void read_escalation_policies(yaml_reader& r, const YAML::Node& root, config& cfg) {
  auto list = r.list_field(root, "", "escalation_policies");
  if (!list) return;
  std::map<std::string, int> names;
  std::size_t i = 0;
  for (const YAML::Node& item : *list) {
    const auto path = item_path("escalation_policies", i++);
    escalation_policy p;
    read_policy(r, item, path, cfg, p);
    r.check_unique(names, p.name, child_path(path, "name"), field_line(item, "name"),
                   "escalation policy");
    cfg.escalation_policies.push_back(std::move(p));
  }
}

void read_routes(yaml_reader& r, const YAML::Node& root, config& cfg) {
  auto list = r.list_field(root, "", "routes");
  if (!list) return;
  const auto policies = names_of(cfg.escalation_policies);
  std::size_t i = 0;
  for (const YAML::Node& item : *list) {
    const auto path = item_path("routes", i++);
    route rt;
    if (!r.check_map(item, path, route_keys)) continue;
    const bool has_match = read_match(r, item, path, rt);
    if (r.read_string(item, path, "policy", rt.policy, need::required) &&
        !cfg.find_policy(rt.policy)) {
      r.fail(field_line(item, "policy"), child_path(path, "policy"),
             policies.empty()
                 ? "there are no escalation_policies; define one and name it here"
                 : "there is no escalation policy named '" + rt.policy + "'; " +
                       suggestion_or(rt.policy, policies, "define it or fix the name"));
    }
    r.read_string(item, path, "channel", rt.channel, need::optional);
    // First match wins, so a catch-all before other routes leaves them unreachable.
    if (!has_match && i < list->size()) {
      r.fail(line_of(item), path,
             "has no match, so it takes every alert and the routes after it are never used; "
             "give it a match or move it to the end");
    }
    cfg.routes.push_back(std::move(rt));
  }
}

}  // namespace oncall
