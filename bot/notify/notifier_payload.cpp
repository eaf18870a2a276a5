#include "bot/notify/notifier_payload.hpp"

#include <nlohmann/json.hpp>

#include "bot/core/severity.hpp"

namespace oncall {

namespace {

const char* pagerduty_severity(int severity) {
  switch (severity) {
    case 1: return "critical";
    case 2: return "error";
    case 3: return "warning";
    default: return "info";
  }
}

std::string summary(const incident& inc) {
  return "oncallbot " + inc.display_id() + " [sev " + std::to_string(inc.severity) + "] " + inc.title;
}

nlohmann::json webhook_body(const page_notice& p) {
  nlohmann::json people = nlohmann::json::array();
  for (const person* who : p.people) {
    people.push_back({{"name", who->name},
                      {"slack", who->slack},
                      {"mattermost", who->mattermost},
                      {"timezone", who->timezone}});
  }
  nlohmann::json links = nlohmann::json::array();
  for (const auto& l : p.inc.links) links.push_back({{"label", l.label}, {"url", l.url}});
  return {{"event", "page"},
          {"text", summary(p.inc)},
          {"incident",
           {{"id", p.inc.id},
            {"title", p.inc.title},
            {"severity", p.inc.severity},
            {"state", to_string(p.inc.state)},
            {"source", p.inc.source},
            {"opened_at", format_iso8601(p.inc.opened_at)},
            {"links", links}}},
          {"level", p.level + 1},
          {"policy", p.inc.policy},
          {"people", people},
          {"sent_at", format_iso8601(p.at)}};
}

nlohmann::json pagerduty_body(const notifier& n, const page_notice& p) {
  nlohmann::json links = nlohmann::json::array();
  for (const auto& l : p.inc.links) links.push_back({{"href", l.url}, {"text", l.label}});
  return {{"routing_key", n.routing_key},
          {"event_action", "trigger"},
          {"dedup_key", "oncallbot-" + std::to_string(p.inc.id)},
          {"payload",
           {{"summary", summary(p.inc)},
            {"source", "oncallbot"},
            {"severity", pagerduty_severity(p.inc.severity)},
            {"timestamp", format_iso8601(p.at)},
            {"custom_details", {{"level", p.level + 1}, {"policy", p.inc.policy}}}}},
          {"links", links}};
}

}  // namespace

std::string notifier_body(const notifier& n, const page_notice& notice) {
  if (n.kind == "pagerduty") return pagerduty_body(n, notice).dump();
  return webhook_body(notice).dump();
}

std::string notifier_url(const notifier& n) {
  if (!n.url.empty()) return n.url;
  return "https://events.pagerduty.com/v2/enqueue";
}

}  // namespace oncall
