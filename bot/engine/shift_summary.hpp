// The summary of a shift that a handover carries: what happened while the outgoing person held
// the pager. Pure: computed from what storage returned, so it is unit-tested without a bot.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bot/core/followup.hpp"
#include "bot/core/incident.hpp"
#include "bot/core/rota.hpp"
#include "bot/core/ticket.hpp"
#include "bot/core/timeline.hpp"

namespace oncall {

// A follow-up with its tracker ticket, when it has one.
struct tracked_followup {
  followup item;
  std::optional<ticket> ticket_of;
  bool operator==(const tracked_followup&) const = default;

  // Closed in chat, or its ticket is in a done status.
  bool done() const { return item.done() || (ticket_of && ticket_of->state() == ticket_state::done); }
};

struct shift_summary {
  int pages = 0;          // notifications to the schedule or the outgoing person
  int night_pages = 0;    // 22:00–07:00 in the outgoing person's zone
  int weekend_pages = 0;  // Saturday or Sunday there
  int opened = 0;
  int resolved = 0;       // of those opened
  std::vector<incident> still_open;  // open now, whenever they were opened
  std::optional<duration> median_time_to_ack;
  std::vector<std::pair<std::string, int>> noisiest;  // alert title, incidents; at most 3
  int false_alarms = 0;
  int not_actionable = 0;
  std::vector<handover_note> notes;
  std::vector<tracked_followup> open_followups;  // of any incident, not done yet
  std::vector<tracked_followup> done_followups;  // closed during the shift (in chat or Jira)
};

struct shift_facts {
  std::string schedule;
  std::string outgoing;
  std::string timezone;  // the outgoing person's
  std::vector<notification> notifications;  // in the shift
  std::vector<incident> opened;             // in the shift
  std::vector<incident> open_now;
  std::vector<timeline_entry> ratings;      // in the shift
  std::vector<handover_note> notes;
  std::vector<tracked_followup> followups;  // not closed in chat; their tickets may be done
  std::vector<tracked_followup> closed_followups;  // closed during the shift
};

shift_summary summarize_shift(const shift_facts& facts);

// 22:00–07:00 local, and Saturday/Sunday local, in `timezone` (UTC when unknown).
bool at_night(time_point t, const std::string& timezone);
bool on_weekend(time_point t, const std::string& timezone);

}  // namespace oncall
