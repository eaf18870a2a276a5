// What responders record about an incident from chat: severity by hand, the lead, status
// updates, notes, the root cause and follow-up action items. Each is one transaction with its
// timeline entry and, where people should see it, a post in the incident room.
#include <algorithm>
#include <cctype>

#include "bot/core/severity.hpp"
#include "bot/engine/incident_engine.hpp"

namespace oncall {

namespace {

// Longer texts belong in a document linked from a note, and would not fit a chat block.
constexpr std::size_t max_text_characters = 1000;

std::size_t characters(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // UTF-8 lead bytes only
  }));
}

std::optional<error> check_text(const std::string& text, const std::string& what) {
  if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); })) {
    return error{what + " needs some text", "text"};
  }
  if (auto n = characters(text); n > max_text_characters) {
    return error{what + " is " + std::to_string(n) + " characters long; keep it to " +
                     std::to_string(max_text_characters) + " (link a document for more)",
                 "text"};
  }
  return std::nullopt;
}

}  // namespace

std::int64_t incident_engine::append_entry(const incident& inc, const std::string& kind,
                                           const actor& by, const std::string& text, bool key_event,
                                           bool announce_change) {
  changed_ = true;
  timeline_entry e;
  e.incident_id = inc.id;
  e.at = clock_.now();
  e.kind = kind;
  e.author = by.name();
  e.text = text;
  e.key_event = key_event;
  auto entry_id = store_.append_timeline(e);
  if (announce_change) {
    enqueue_update(inc, "sync:" + std::to_string(inc.id) + ":" + std::to_string(entry_id));
  }
  return entry_id;
}

result<incident> incident_engine::set_severity(std::int64_t id, const actor& by, int severity) {
  auto loaded = load_open(id);
  if (!loaded) return loaded;
  const int before = loaded->severity;
  if (before == severity && loaded->severity_set_by_hand) {
    return error{loaded->display_id() + " is " + severity_label(severity) + " already", "severity"};
  }
  auto next = oncall::set_severity(*loaded, severity);
  if (!next) return next;
  commit([&] {
    store_.update_incident(*next);
    std::string was = before == severity ? "" : " (was " + severity_label(before) + ")";
    auto entry =
        append_entry(*next, "severity", by,
                     "severity set to " + severity_label(severity) + " by hand" + was, false, true);
    post_in_room(*next, entry,
                 simple_message({rt::text("Severity set to "), rt::bold(severity_label(severity)),
                                 rt::text(" by " + by.name() + was + ".")}));
  });
  return next;
}

result<incident> incident_engine::set_lead(std::int64_t id, const actor& by,
                                           const std::string& lead) {
  if (!cfg_->find_person(lead)) {
    return error{"'" + lead + "' is not in oncallbot's people list; name someone who is", "lead"};
  }
  auto loaded = load_open(id);
  if (!loaded) return loaded;
  if (loaded->lead == lead)
    return error{lead + " is the lead of " + loaded->display_id() + " already", "lead"};
  incident next = *loaded;
  next.lead = lead;
  commit([&] {
    store_.update_incident(next);
    auto entry = append_entry(next, "lead", by, "lead is now " + lead, false, true);
    auto handle = chat_handle(lead);
    post_in_room(
        next, entry,
        simple_message({handle.empty() ? rt::bold(lead) : rt::mention(handle),
                        rt::text(" is now the incident lead (set by " + by.name() + ").")}));
  });
  return next;
}

result<incident> incident_engine::post_status(std::int64_t id, const actor& by,
                                              const std::string& text) {
  if (auto bad = check_text(text, "a status update")) return *bad;
  auto loaded = load_open(id);
  if (!loaded) return loaded;
  commit([&] {
    auto entry = append_entry(*loaded, "status", by, text, true, false);
    rich_text line = {rt::bold("Status update"), rt::text(" from "),
                      by.chat_user.empty() ? rt::bold(by.name()) : rt::mention(by.chat_user),
                      rt::text(": " + text)};
    post_in_room(*loaded, entry, simple_message(line));
  });
  return loaded;
}

result<incident> incident_engine::add_note(std::int64_t id, const actor& by,
                                           const std::string& text) {
  if (auto bad = check_text(text, "a note")) return *bad;
  auto loaded = load_open(id);
  if (!loaded) return loaded;
  commit([&] { append_entry(*loaded, "note", by, text, false, false); });
  return loaded;
}

result<incident> incident_engine::set_cause(std::int64_t id, const actor& by, root_cause cause,
                                            const std::string& text) {
  if (!text.empty()) {
    if (auto bad = check_text(text, "the cause")) return *bad;
  }
  auto loaded = load_open(id);
  if (!loaded) return loaded;
  incident next = *loaded;
  next.cause = cause;
  next.cause_text = text;
  commit([&] {
    store_.update_incident(next);
    append_entry(next, "cause", by, to_string(cause) + (text.empty() ? "" : ": " + text), false,
                 false);
  });
  return next;
}

result<followup> incident_engine::add_followup(std::int64_t id, const actor& by,
                                               const std::string& text, const std::string& owner) {
  if (auto bad = check_text(text, "a follow-up")) return *bad;
  if (!owner.empty() && !cfg_->find_person(owner)) {
    return error{"'" + owner + "' is not in oncallbot's people list; name someone who is", "owner"};
  }
  auto loaded = load_open(id);
  if (!loaded) return loaded.err();
  followup f;
  f.incident_id = loaded->id;
  f.text = text;
  f.owner = owner;
  f.created_by = by.name();
  f.created_at = clock_.now();
  commit([&] {
    f.id = store_.insert_followup(f);
    queue_tracker_job(tracker_job_kind::followup_ticket, f.incident_id, f.id);
    append_entry(*loaded, "followup", by,
                 f.display_id() + ": " + text + (owner.empty() ? "" : " (owner " + owner + ")"),
                 false, false);
  });
  return f;
}

result<followup> incident_engine::close_followup(std::int64_t followup_id, const actor& by) {
  auto found = store_.find_followup(followup_id);
  if (!found) {
    return error{
        "there is no follow-up F" + std::to_string(followup_id) + "; /oncall followups lists them",
        "id"};
  }
  if (found->done()) {
    return error{found->display_id() + " is done already (closed by " + found->done_by + " at " +
                     format_iso8601(*found->done_at) + ")",
                 "id"};
  }
  auto inc = store_.find_incident(found->incident_id);
  if (!inc) return error{"the incident of " + found->display_id() + " is gone", "id"};
  followup f = *found;
  f.done_at = clock_.now();
  f.done_by = by.name();
  commit([&] {
    store_.update_followup(f);
    queue_tracker_job(tracker_job_kind::followup_done, f.incident_id, f.id);
    append_entry(*inc, "followup", by, f.display_id() + " done: " + f.text, false, false);
  });
  return f;
}

std::vector<followup> incident_engine::followups(std::int64_t id) {
  return store_.followups(id);
}

std::vector<timeline_entry> incident_engine::timeline(std::int64_t id) {
  return store_.timeline(id);
}

}  // namespace oncall
