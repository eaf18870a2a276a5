#include "bot/engine/handover_engine.hpp"

#include <algorithm>

#include "bot/chat/message_codec.hpp"
#include "bot/core/schedule.hpp"
#include "bot/engine/handover_message.hpp"
#include "bot/engine/permalink.hpp"

namespace oncall {

namespace {

// How far back a shift's start is looked for when the bot first sees a schedule.
duration lookback(const schedule& s) {
  auto rotation = s.shift * static_cast<long long>(std::max<std::size_t>(1, s.members.size()));
  return std::max<duration>(rotation, std::chrono::hours(24));
}


}  // namespace

const schedule* handover_engine::find_schedule(const std::string& name) const {
  return engine_.cfg().find_schedule(name);
}

rich_text handover_engine::who(const std::string& person) const {
  if (person.empty()) return {rt::text("nobody")};
  auto handle = engine_.chat_handle(person);
  if (handle.empty()) return {rt::bold(person)};
  return {rt::mention(handle)};
}

std::string handover_engine::permalink(const incident& inc) const {
  return incident_permalink(engine_.cfg(), inc);
}

void handover_engine::send_to_channel(const schedule& s, const std::string& key,
                                      const outbound_message& m, const std::string& subject) {
  if (s.handover_channel.empty()) return;
  effect e;
  e.key = key;
  e.kind = effect_kind::channel_post;
  e.channel = s.handover_channel;
  e.subject = subject;
  e.payload = message_to_json(m);
  e.created_at = engine_.now();
  engine_.enqueue(e);
}

void handover_engine::send_direct(const std::string& person, const std::string& key,
                                  const outbound_message& m) {
  auto handle = engine_.chat_handle(person);
  if (handle.empty()) return;
  effect e;
  e.key = key;
  e.kind = effect_kind::direct_message;
  e.channel = "dm:" + handle;
  e.subject = handle;
  e.payload = message_to_json(m);
  e.created_at = engine_.now();
  engine_.enqueue(e);
}

handover handover_engine::post_handover(const schedule& s, const std::string& outgoing,
                                        const std::string& incoming, time_point shift_from,
                                        time_point shift_to) {
  auto& st = engine_.storage();
  const auto now = engine_.now();
  handover h;
  h.schedule = s.name;
  h.outgoing = outgoing;
  h.incoming = incoming;
  h.shift_from = shift_from;
  h.shift_to = shift_to;
  h.posted_at = now;
  if (s.handover_accept.count() > 0) h.next_reminder_at = now + s.handover_accept;
  h.id = st.insert_handover(h);

  const person* out_person = engine_.cfg().find_person(outgoing);
  shift_facts facts;
  facts.schedule = s.name;
  facts.outgoing = outgoing;
  facts.timezone = out_person ? out_person->timezone : s.timezone;
  facts.notifications = st.notifications_between(shift_from, shift_to);
  facts.opened = st.incidents_opened_between(shift_from, shift_to);
  facts.open_now = st.open_incidents();
  facts.ratings = st.timeline_between("rating", shift_from, shift_to);
  facts.notes = st.waiting_handover_notes(s.name);
  for (auto& f : st.open_followups()) {
    auto t = st.find_ticket(f.incident_id, f.id);
    facts.followups.push_back({std::move(f), std::move(t)});
  }
  for (auto& f : st.followups_done_between(shift_from, shift_to)) {
    auto t = st.find_ticket(f.incident_id, f.id);
    facts.closed_followups.push_back({std::move(f), std::move(t)});
  }
  st.attach_handover_notes(s.name, h.id);
  auto summary = summarize_shift(facts);
  auto message = render_handover({h, summary, who(outgoing), who(incoming), s.handover_accept,
                                  [this](const incident& inc) { return permalink(inc); }});
  const auto id = std::to_string(h.id);
  send_to_channel(s, "handover:" + id, message, "handover:" + id);
  send_direct(incoming, "handover-dm:" + id, message);
  return h;
}

void handover_engine::check_schedule(const schedule& config_schedule, int& sent) {
  auto& st = engine_.storage();
  const auto now = engine_.now();
  const auto s = engine_.effective_schedule(config_schedule);
  const auto person = on_call_at(s, now);
  auto state = st.find_schedule_state(s.name);
  if (!state) {
    // First sight of this schedule: remember who holds it, nothing to hand over yet.
    st.save_schedule_state({s.name, person, current_stretch_start(s, now, lookback(s))});
    return;
  }
  if (state->person == person) return;
  // The handoff happened when the new person's stretch began, which is earlier than now when
  // the bot was down across it; one handover covers the whole gap.
  auto since = current_stretch_start(s, now, std::max<duration>(lookback(s), now - state->since));
  since = std::max(since, state->since);
  post_handover(s, state->person, person, state->since, since);
  st.save_schedule_state({s.name, person, since});
  ++sent;
}

void handover_engine::remind(handover h) {
  const schedule* s = find_schedule(h.schedule);
  const auto now = engine_.now();
  const auto id = std::to_string(h.id);
  if (!s || s->handover_accept.count() <= 0) {
    h.next_reminder_at.reset();
    engine_.storage().update_handover(h);
    return;
  }
  if (h.reminders == 0) {
    rich_text line = {rt::text("Reminder: ")};
    for (auto& sp : who(h.incoming)) line.push_back(sp);
    line.push_back(rt::text(", you are on call for " + h.schedule +
                            " now; press I have it on the handover to confirm you have the pager."));
    send_to_channel(*s, "handover-remind:" + id + ":1", simple_message(line));
    send_direct(h.incoming, "handover-remind-dm:" + id + ":1", simple_message(line));
    h.reminders = 1;
    h.next_reminder_at = now + s->handover_accept;
  } else {
    rich_text line;
    for (auto& sp : who(h.outgoing)) line.push_back(sp);
    line.push_back(rt::text(": nobody has confirmed the handover of " + h.schedule + " to "));
    for (auto& sp : who(h.incoming)) line.push_back(sp);
    line.push_back(rt::text(" yet; please make sure the pager is covered."));
    send_to_channel(*s, "handover-remind:" + id + ":2", simple_message(line));
    send_direct(h.outgoing, "handover-remind-dm:" + id + ":2", simple_message(line));
    h.reminders = 2;
    h.next_reminder_at.reset();
  }
  engine_.storage().update_handover(h);
}

int handover_engine::tick() {
  int sent = 0;
  const auto& cfg = engine_.cfg();
  engine_.commit([&] {
    for (const auto& s : cfg.schedules) check_schedule(s, sent);
    for (auto& h : engine_.storage().handovers_due_for_reminder(engine_.now())) {
      remind(h);
      ++sent;
    }
  });
  return sent;
}

result<handover> handover_engine::post_now(const schedule& config_schedule, const actor& by) {
  (void)by;
  handover h;
  engine_.commit([&] {
    auto& st = engine_.storage();
    const auto now = engine_.now();
    const auto s = engine_.effective_schedule(config_schedule);
    const auto outgoing = on_call_at(s, now);
    const auto incoming = on_call_at(s, next_change(s, now));
    auto state = st.find_schedule_state(s.name);
    auto from = state && state->person == outgoing ? state->since
                                                   : current_stretch_start(s, now, lookback(s));
    h = post_handover(s, outgoing, incoming, from, now);
  });
  return h;
}

void handover_engine::leave_note(const schedule& s, const actor& by, const std::string& text) {
  engine_.commit([&] {
    engine_.storage().insert_handover_note({0, s.name, by.name(), text, engine_.now(), 0});
  });
}

result<handover> handover_engine::accept(std::int64_t handover_id, const actor& by) {
  auto& st = engine_.storage();
  auto h = st.find_handover(handover_id);
  if (!h) return error{"this button names no handover oncallbot knows", "handover"};
  if (!h->accepted_by.empty()) {
    return error{"the handover of " + h->schedule + " was already accepted by " + h->accepted_by, "handover"};
  }
  if (by.person != h->incoming && engine_.cfg().find_person(h->incoming)) {
    return error{"this handover is for " + h->incoming + "; only they can press I have it", "handover"};
  }
  engine_.commit([&] {
    h->accepted_by = by.name();
    h->accepted_at = engine_.now();
    h->next_reminder_at.reset();
    st.update_handover(*h);
    if (const schedule* s = find_schedule(h->schedule)) {
      rich_text line = who(by.person.empty() ? by.chat_user : by.person);
      line.push_back(rt::text(" has the pager for " + h->schedule + "."));
      send_to_channel(*s, "handover-accepted:" + std::to_string(h->id), simple_message(line));
    }
  });
  return *h;
}

}  // namespace oncall
