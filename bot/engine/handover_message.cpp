#include "bot/engine/handover_message.hpp"

namespace oncall {

namespace {

std::string plural(int n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

rich_text pages_line(const shift_summary& s) {
  return {rt::text(std::to_string(s.pages) + " (" + std::to_string(s.night_pages) + " at night, " +
                   std::to_string(s.weekend_pages) + " on weekends)")};
}

rich_text incidents_line(const shift_summary& s) {
  return {rt::text(std::to_string(s.opened) + " opened, " + std::to_string(s.resolved) +
                   " resolved, " + std::to_string(s.still_open.size()) + " still open")};
}

rich_text noisiest_line(const shift_summary& s) {
  if (s.noisiest.empty()) return {rt::text("none")};
  rich_text t;
  for (const auto& [title, count] : s.noisiest) {
    if (!t.empty()) t.push_back(rt::text(", "));
    t.push_back(rt::text(title + " ×" + std::to_string(count)));
  }
  return t;
}

rich_text incident_ref(const incident& inc, const handover_view& v) {
  auto url = v.permalink ? v.permalink(inc) : std::string{};
  auto label = inc.display_id() + " " + inc.title;
  if (url.empty()) return {rt::text(label)};
  return {rt::link(label, url)};
}

// "F3 (#7) add an alert on queue depth — bob — OPS-3 in progress"
rich_text followup_ref(const tracked_followup& f) {
  rich_text line = {rt::bold(f.item.display_id()),
                    rt::text(" (#" + std::to_string(f.item.incident_id) + ") " + f.item.text + " — " +
                             (f.item.owner.empty() ? "no owner" : f.item.owner))};
  if (f.ticket_of) {
    line.push_back(rt::text(" — "));
    line.push_back(rt::link(f.ticket_of->key, f.ticket_of->url));
    line.push_back(rt::text(" " + to_string(f.ticket_of->state())));
  }
  return line;
}

}  // namespace

outbound_message render_handover(const handover_view& v) {
  const auto& s = v.summary;
  outbound_message m;
  m.headline = {rt::text("Shift handover for " + v.h.schedule + ": ")};
  m.headline.insert(m.headline.end(), v.outgoing.begin(), v.outgoing.end());
  m.headline.push_back(rt::text(" → "));
  m.headline.insert(m.headline.end(), v.incoming.begin(), v.incoming.end());
  m.fields.push_back({"Shift", {rt::text(format_iso8601(v.h.shift_from) + " – " +
                                         format_iso8601(v.h.shift_to))}});
  m.fields.push_back({"Pages", pages_line(s)});
  m.fields.push_back({"Incidents", incidents_line(s)});
  m.fields.push_back({"Median time to ack",
                      {rt::text(s.median_time_to_ack ? format_duration(*s.median_time_to_ack) : "no acks")}});
  m.fields.push_back({"Noisiest alerts", noisiest_line(s)});
  if (s.false_alarms + s.not_actionable > 0) {
    m.fields.push_back({"Ratings", {rt::text(plural(s.false_alarms, "false alarm", "false alarms") +
                                             ", " + std::to_string(s.not_actionable) + " not actionable")}});
  }
  if (!s.still_open.empty()) {
    m.body.push_back({rt::bold("Still open:")});
    for (const auto& inc : s.still_open) m.body.push_back(incident_ref(inc, v));
  }
  if (!s.open_followups.empty()) {
    // Shown up to a point: a long list belongs in the tracker, not in a chat message.
    constexpr std::size_t shown = 10;
    m.body.push_back({rt::bold("Open follow-ups:")});
    for (std::size_t i = 0; i < s.open_followups.size() && i < shown; ++i) {
      m.body.push_back(followup_ref(s.open_followups[i]));
    }
    if (s.open_followups.size() > shown) {
      m.body.push_back({rt::text(std::to_string(s.open_followups.size() - shown) + " more.")});
    }
  }
  if (!s.done_followups.empty()) {
    rich_text done = {rt::bold("Follow-ups done this shift: ")};
    for (std::size_t i = 0; i < s.done_followups.size(); ++i) {
      const auto& f = s.done_followups[i];
      if (i > 0) done.push_back(rt::text(", "));
      done.push_back(rt::text(f.item.display_id() + (f.ticket_of ? " (" + f.ticket_of->key + ")" : "")));
    }
    m.body.push_back(done);
  }
  if (!s.notes.empty()) {
    m.body.push_back({rt::bold("Notes:")});
    for (const auto& n : s.notes) m.body.push_back({rt::text(n.author + ": " + n.text)});
  }
  m.buttons.push_back({action_handover_accept, "I have it", std::to_string(v.h.id), button::style::primary});
  if (v.accept_within.count() > 0) {
    rich_text hint = v.incoming;
    hint.push_back(rt::text(", press I have it within " + format_duration(v.accept_within) +
                            " to confirm you have the pager."));
    m.context.push_back(hint);
  }
  return m;
}

}  // namespace oncall
