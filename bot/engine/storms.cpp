// Alert storms in the engine: past the storm rule's threshold, a new incident is summarised in
// its channel's storm message instead of being announced; its updates become updates of that
// message (at most one pending), its room posts stay in the timeline, and the people it pages
// get one direct message per storm and escalation level instead of one per incident.
#include <algorithm>

#include "bot/chat/message_codec.hpp"
#include "bot/core/severity.hpp"
#include "bot/engine/incident_engine.hpp"

namespace oncall {

namespace {

// The summary lists this many incidents, newest first; the rest are counted.
constexpr int summary_lines = 20;

const char* marker(incident_state s) {
  switch (s) {
    case incident_state::triggered: return "🔴";
    case incident_state::acknowledged: return "🟡";
    case incident_state::resolved: return "✅";
  }
  return "";
}

}  // namespace

std::int64_t incident_engine::join_storm_if_busy(const incident& inc) {
  const auto channel = lane(inc);
  const auto now = clock_.now();
  if (!storms_.opening(channel, now)) return 0;
  auto current = store_.active_storm(channel, now - storms_.rule().window);
  storm s = current ? *current : storm{0, channel, now, now, "", ""};
  s.last_at = now;
  if (s.id == 0) {
    s.id = store_.insert_storm(s);
  } else {
    store_.update_storm(s);
  }
  store_.add_to_storm(s.id, inc.id);
  return s.id;
}

void incident_engine::enqueue_storm_update(std::int64_t storm_id, const std::string& channel) {
  const std::string subject = "storm:" + std::to_string(storm_id);
  store_.supersede_pending(effect_kind::channel_post, channel, 0, subject, clock_.now());
  effect e;
  e.key = subject + ":" + std::to_string(to_millis(clock_.now())) + ":" + std::to_string(++storm_updates_);
  e.kind = effect_kind::channel_post;
  e.channel = channel;
  e.subject = subject;
  e.created_at = clock_.now();
  enqueue(e);
}

outbound_message incident_engine::storm_summary(std::int64_t storm_id) {
  outbound_message m;
  auto s = store_.find_storm(storm_id);
  if (!s) return m;
  const auto counts = store_.count_storm(storm_id);
  m.headline = {rt::text("⚠️ "), rt::bold("Alert storm"),
                rt::text(": " + std::to_string(counts.incidents) + " more incidents opened in " +
                         s->channel + " since " + format_iso8601(s->started_at) + " (" +
                         std::to_string(counts.open) + " still open)")};
  for (const auto& inc : store_.storm_incidents(storm_id, summary_lines)) {
    m.body.push_back({rt::text(std::string(marker(inc.state)) + " "),
                      rt::bold(inc.display_id() + " " + severity_label(inc.severity)),
                      rt::text(" " + inc.title + " (" + std::to_string(inc.firing_count) + " of " +
                               std::to_string(inc.alert_count) + " firing)")});
  }
  if (counts.incidents > summary_lines) {
    m.body.push_back({rt::text("… and " + std::to_string(counts.incidents - summary_lines) +
                               " older ones; "), rt::code("/oncall incidents"), rt::text(" lists them all.")});
  }
  m.context.push_back({rt::text("Incidents in a storm are not announced one by one; ack, escalate "
                                "and resolve them by id with /oncall. Paged people get one direct "
                                "message per storm and level.")});
  return m;
}

}  // namespace oncall
