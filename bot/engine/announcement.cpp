// The announcement: id, severity, title, source, grouped alert count, who is paged, links, and
// the buttons that fit the state (Ack / Escalate / Resolve, then the noise rating).
#include "bot/engine/announcement.hpp"

#include "bot/core/severity.hpp"

namespace oncall {

namespace {

const char* state_marker(incident_state s) {
  switch (s) {
    case incident_state::triggered: return "🔴";
    case incident_state::acknowledged: return "🟡";
    case incident_state::resolved: return "✅";
  }
  return "";
}

rich_text state_text(const incident& inc, const announcement_people& people) {
  switch (inc.state) {
    case incident_state::triggered:
      return {rt::bold("Triggered")};
    case incident_state::acknowledged: {
      rich_text t = {rt::bold("Acknowledged"), rt::text(" by ")};
      t.insert(t.end(), people.acked_by.begin(), people.acked_by.end());
      if (inc.ack_until) t.push_back(rt::text(" until " + format_iso8601(*inc.ack_until)));
      return t;
    }
    case incident_state::resolved: {
      rich_text t = {rt::bold("Resolved"), rt::text(" by ")};
      t.insert(t.end(), people.resolved_by.begin(), people.resolved_by.end());
      return t;
    }
  }
  return {};
}

std::vector<button> buttons_for(const incident& inc) {
  const std::string id = std::to_string(inc.id);
  if (inc.open()) {
    return {{action_ack, "Ack", id, button::style::primary},
            {action_escalate, "Escalate", id, button::style::danger},
            {action_resolve, "Resolve", id, button::style::normal}};
  }
  return {{action_rate_actionable, "Actionable", id, button::style::primary},
          {action_rate_not_actionable, "Not actionable", id, button::style::normal},
          {action_rate_false_alarm, "False alarm", id, button::style::danger}};
}

}  // namespace

outbound_message render_announcement(const incident& inc, const announcement_people& people) {
  outbound_message m;
  m.headline = {rt::text(std::string(state_marker(inc.state)) + " "),
                rt::bold(inc.display_id() + " " + severity_label(inc.severity)),
                rt::text(" " + inc.title)};
  m.fields.push_back({"State", state_text(inc, people)});
  m.fields.push_back({"Source", {rt::text(inc.source)}});
  m.fields.push_back({"Alerts", {rt::text(std::to_string(inc.firing_count) + " firing of " +
                                          std::to_string(inc.alert_count))}});
  rich_text paged = people.paged;
  if (!inc.policy.empty()) paged.push_back(rt::text(" (level " + std::to_string(inc.level + 1) + ")"));
  m.fields.push_back({inc.open() ? "Paging" : "Paged", paged});
  if (!inc.lead.empty()) m.fields.push_back({"Lead", people.lead});
  rich_text links;
  for (const auto& l : inc.links) {
    if (!links.empty()) links.push_back(rt::text(" · "));
    links.push_back(rt::link(l.label, l.url));
  }
  if (!links.empty()) m.context.push_back(links);
  if (!inc.open()) {
    m.body.push_back({rt::text("Was this page useful? Rate it for the noise report.")});
  }
  m.buttons = buttons_for(inc);
  return m;
}

}  // namespace oncall
