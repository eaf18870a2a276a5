// Deploy events from CI into the incidents they may explain: every open incident of the
// deployed service gets a timeline entry and a line in its room, in the same commit that
// stores the deploy, so the webhook's 2xx means all of it is durable.
#include "bot/engine/incident_engine.hpp"

namespace oncall {

namespace {

std::string deploy_summary(const deploy& d) {
  std::string text = d.service + " " + d.version;
  if (!d.commit.empty()) text += " (" + d.commit + ")";
  if (!d.author.empty()) text += " by " + d.author;
  if (!d.url.empty()) text += " " + d.url;
  return text;
}

}  // namespace

std::vector<std::int64_t> incident_engine::record_deploy(deploy d) {
  d.at = clock_.now();
  std::vector<std::int64_t> touched;
  commit([&] {
    store_.insert_deploy(d);
    for (auto& inc : store_.open_incidents()) {
      if (incident_service(inc, store_.incident_alerts(inc.id)) != d.service) continue;
      auto entry = append_entry(inc, "deploy", actor::system("deploy"), "deployed " + deploy_summary(d),
                                false, false);
      rich_text line = {rt::bold("Deploy"), rt::text(": " + d.service + " " + d.version)};
      if (!d.commit.empty()) line.push_back(rt::text(" (" + d.commit + ")"));
      if (!d.author.empty()) line.push_back(rt::text(" by " + d.author));
      if (!d.url.empty()) line.push_back(rt::link("details", d.url));
      post_in_room(inc, entry, simple_message(line));
      touched.push_back(inc.id);
    }
  });
  return touched;
}

}  // namespace oncall
