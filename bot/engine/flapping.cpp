// Flapping in the engine: an incident whose alerts keep going firing → resolved → firing is kept
// open and marked flapping on its announcement, so its next firing joins it instead of opening
// and paging a new incident; it resolves once none of its alerts fired for the rule's window.
#include "bot/chat/message_codec.hpp"
#include "bot/engine/incident_engine.hpp"

namespace oncall {

bool incident_engine::flapping_instead(incident& inc, int firing_before, ingest_outcome& out) {
  const bool went_quiet = firing_before > 0 && inc.firing_count == 0;
  const bool fired_again = firing_before == 0 && inc.firing_count > 0;
  if (!inc.open() || (!went_quiet && !fired_again)) return false;
  const auto now = clock_.now();
  const bool flapping = flaps_.change(inc.key, now);
  auto known = flapping_.find(inc.id);
  if (fired_again) {
    if (known != flapping_.end()) known->second.reset();
    return false;  // an open incident firing again pages nobody anew either way
  }
  if (!flapping && known == flapping_.end()) return false;
  const bool first = known == flapping_.end();
  flapping_[inc.id] = now;
  store_.update_incident(inc);
  const auto window = format_duration(flaps_.rule().window);
  record(inc, "flapping", inc.source,
         first ? "flapping: " + std::to_string(flaps_.rule().changes) + " changes within " + window +
                     "; kept open until quiet for " + window
               : "all alerts resolved again (flapping; kept open)");
  if (first) {
    auto entry = store_.timeline(inc.id).back().id;
    post_in_room(inc, entry, simple_message({rt::text("🔁 Flapping: this alert keeps firing and resolving. "
                                                      "The incident stays open, without paging again, "
                                                      "until it has been quiet for " + window + ".")}));
  }
  out.updated.push_back(inc.id);
  return true;
}

void incident_engine::settle_flapping() {
  const auto now = clock_.now();
  for (auto it = flapping_.begin(); it != flapping_.end();) {
    auto inc = store_.find_incident(it->first);
    const bool quiet = it->second && now - *it->second >= flaps_.rule().window;
    if (!inc || !inc->open()) {
      it = flapping_.erase(it);
      continue;
    }
    if (!quiet || inc->firing_count > 0) {
      ++it;
      continue;
    }
    commit([&] {
      auto next = oncall::resolve(*inc, inc->source, now).value();
      store_.update_incident(next);
      record(next, "resolve", next.source,
             "flapping stopped: no alert fired for " + format_duration(flaps_.rule().window));
      auto entry = store_.timeline(next.id).back().id;
      post_in_room(next, entry, simple_message({rt::text("Resolved: the flapping alert stayed resolved for " +
                                                         format_duration(flaps_.rule().window) + ".")}));
    });
    it = flapping_.erase(it);
  }
}

field incident_engine::flapping_field() const {
  return {"Flapping", {rt::text("🔁 " + std::to_string(flaps_.rule().changes) + "+ changes within " +
                                format_duration(flaps_.rule().window) + "; open until quiet that long")}};
}

}  // namespace oncall
