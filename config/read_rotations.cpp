// People and schedules: who exists, and who is on call when (rotations and overrides).
#include <algorithm>

#include "config/key_suggestion.hpp"
#include "config/sections.hpp"

namespace oncall {

namespace {

constexpr std::string_view person_keys[] = {"name", "slack",    "mattermost",
                                            "jira", "timezone", "roles"};
constexpr std::string_view schedule_keys[] = {
    "name",    "timezone",         "start",           "shift",
    "members", "handover_channel", "handover_accept", "overrides"};
constexpr std::string_view override_keys[] = {"person", "from", "to"};

std::vector<std::string> person_names(const config& cfg) {
  std::vector<std::string> names;
  for (const auto& p : cfg.people) names.push_back(p.name);
  return names;
}

void check_known_person(yaml_reader& r, const config& cfg, const std::string& name,
                        const std::string& path, int line) {
  if (name.empty() || cfg.find_person(name)) return;
  r.fail(line, path,
         "'" + name + "' is not one of the people; " +
             suggestion_or(name, person_names(cfg), "add them under people or fix the name"));
}

// A chat id names exactly one person, or messages from it would be credited to the wrong one.
void check_unique_chat_ids(yaml_reader& r, const YAML::Node& list, const config& cfg) {
  std::map<std::string, std::string> slack, mattermost;
  for (std::size_t i = 0; i < cfg.people.size(); ++i) {
    const auto& p = cfg.people[i];
    for (auto [ids, id, key] : {std::tuple{&slack, p.slack, "slack"},
                                std::tuple{&mattermost, p.mattermost, "mattermost"}}) {
      if (id.empty()) continue;
      auto [at, fresh] = ids->emplace(id, p.name);
      if (!fresh) {
        r.fail(field_line(list[i], key), child_path(item_path("people", i), key),
               "'" + id + "' is already " + at->second + "'s " + key +
                   " id; each person needs their own");
      }
    }
  }
}

void read_person(yaml_reader& r, const YAML::Node& node, const std::string& path, person& p) {
  if (!r.check_map(node, path, person_keys)) return;
  r.read_string(node, path, "name", p.name, need::required);
  r.read_string(node, path, "slack", p.slack);
  r.read_string(node, path, "mattermost", p.mattermost);
  r.read_string(node, path, "jira", p.jira);
  r.read_timezone(node, path, "timezone", p.timezone);
  r.read_strings(node, path, "roles", p.roles);
}

void read_members(yaml_reader& r, const YAML::Node& node, const std::string& path,
                  const config& cfg, schedule& s) {
  auto members = r.list_field(node, path, "members", need::required);
  if (!members) return;
  if (members->size() == 0) {
    r.fail(line_of(*members), child_path(path, "members"),
           "has no members; list the people of the rotation in order, e.g. [alice, bob]");
    return;
  }
  std::size_t i = 0;
  for (const YAML::Node& item : *members) {
    const auto item_p = item_path(child_path(path, "members"), i++);
    const int line = line_of(item, line_of(*members));
    auto name = r.scalar(item, item_p, line);
    if (!name) continue;
    check_known_person(r, cfg, *name, item_p, line);
    s.members.push_back(*name);
  }
}

// Reads one override; nullopt when it is unusable (so overlap checks skip it).
std::optional<schedule_override> read_override(yaml_reader& r, const YAML::Node& node,
                                               const std::string& path, const config& cfg) {
  if (!r.check_map(node, path, override_keys)) return std::nullopt;
  schedule_override o;
  bool ok = r.read_string(node, path, "person", o.person, need::required);
  if (ok)
    check_known_person(r, cfg, o.person, child_path(path, "person"), field_line(node, "person"));
  ok = r.read_time(node, path, "from", o.from, need::required) & ok;
  ok = r.read_time(node, path, "to", o.to, need::required) & ok;
  if (ok && o.to <= o.from) {
    r.fail(field_line(node, "to"), child_path(path, "to"),
           "'to' is not after 'from' (" + format_iso8601(o.from) +
               "); an override ends after it starts, swap the two");
    return std::nullopt;
  }
  return ok ? std::optional(o) : std::nullopt;
}

void read_overrides(yaml_reader& r, const YAML::Node& node, const std::string& path,
                    const config& cfg, schedule& s) {
  auto list = r.list_field(node, path, "overrides");
  if (!list) return;
  const auto list_p = child_path(path, "overrides");
  std::vector<std::pair<std::size_t, int>> placed;  // index in s.overrides → YAML index, line
  std::size_t i = 0;
  for (const YAML::Node& item : *list) {
    const auto item_p = item_path(list_p, i);
    auto o = read_override(r, item, item_p, cfg);
    if (o) {
      // Two overrides for one span would make "who is on call" depend on their order.
      for (std::size_t k = 0; k < s.overrides.size(); ++k) {
        const auto& other = s.overrides[k];
        if (o->from < other.to && other.from < o->to) {
          r.fail(line_of(item), item_p,
                 "overlaps " + item_path(list_p, placed[k].first) + " (line " +
                     std::to_string(placed[k].second) + "); make one end where the other starts");
        }
      }
      s.overrides.push_back(*o);
      placed.emplace_back(i, line_of(item));
    }
    ++i;
  }
}

void read_schedule(yaml_reader& r, const YAML::Node& node, const std::string& path,
                   const config& cfg, schedule& s) {
  if (!r.check_map(node, path, schedule_keys)) return;
  r.read_string(node, path, "name", s.name, need::required);
  r.read_timezone(node, path, "timezone", s.timezone);
  r.read_time(node, path, "start", s.start, need::required);
  r.read_duration(node, path, "shift", s.shift, need::required);
  read_members(r, node, path, cfg, s);
  r.read_string(node, path, "handover_channel", s.handover_channel);
  r.read_duration(node, path, "handover_accept", s.handover_accept);
  read_overrides(r, node, path, cfg, s);
}

}  // namespace

void read_people(yaml_reader& r, const YAML::Node& root, config& cfg) {
  auto list = r.list_field(root, "", "people");
  if (!list) return;
  std::map<std::string, int> names;
  std::size_t i = 0;
  for (const YAML::Node& item : *list) {
    const auto path = item_path("people", i++);
    person p;
    read_person(r, item, path, p);
    r.check_unique(names, p.name, child_path(path, "name"), field_line(item, "name"), "person");
    cfg.people.push_back(std::move(p));
  }
  check_unique_chat_ids(r, *list, cfg);
}

void read_schedules(yaml_reader& r, const YAML::Node& root, config& cfg) {
  auto list = r.list_field(root, "", "schedules");
  if (!list) return;
  std::map<std::string, int> names;
  std::size_t i = 0;
  for (const YAML::Node& item : *list) {
    const auto path = item_path("schedules", i++);
    schedule s;
    read_schedule(r, item, path, cfg, s);
    r.check_unique(names, s.name, child_path(path, "name"), field_line(item, "name"), "schedule");
    cfg.schedules.push_back(std::move(s));
  }
}

}  // namespace oncall
