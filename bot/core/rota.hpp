// What the bot remembers about schedules beyond the config: who was paged and why
// (notifications), overrides taken from chat, shift handovers and the notes left for them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "bot/core/time.hpp"

namespace oncall {

// One person (or outbound notifier) reached for an incident at an escalation level.
struct notification {
  std::int64_t id = 0;
  std::int64_t incident_id = 0;
  int level = 0;         // 0-based escalation level
  int cycle = 0;         // repeat round of the policy
  std::string target;    // as configured: "schedule:primary", "person:carol", "notifier:sms"
  std::string person;    // person name reached; empty for notifiers
  std::string reason;    // why this person: "on call for primary (override)", …
  time_point at;
  bool operator==(const notification&) const = default;
};

// An override taken with /oncall override; config overrides live in the config.
struct stored_override {
  std::int64_t id = 0;
  std::string schedule;
  std::string person;
  time_point from;
  time_point to;
  std::string created_by;
  time_point created_at;
  bool operator==(const stored_override&) const = default;
};

// Who the bot last saw on call for a schedule, and since when: a change is a handover.
struct schedule_state {
  std::string schedule;
  std::string person;
  time_point since;
  bool operator==(const schedule_state&) const = default;
};

struct handover {
  std::int64_t id = 0;
  std::string schedule;
  std::string outgoing;
  std::string incoming;
  time_point shift_from;  // the shift the summary covers
  time_point shift_to;
  time_point posted_at;
  std::string channel;      // where the message went, once posted
  std::string message_ref;
  std::string accepted_by;  // empty until someone pressed "I have it"
  std::optional<time_point> accepted_at;
  int reminders = 0;        // 1: the incoming person was reminded; 2: the outgoing one was told
  std::optional<time_point> next_reminder_at;
  bool operator==(const handover&) const = default;
};

struct handover_note {
  std::int64_t id = 0;
  std::string schedule;
  std::string author;
  std::string text;
  time_point at;
  std::int64_t handover_id = 0;  // the handover that carried it; 0 while waiting
  bool operator==(const handover_note&) const = default;
};

}  // namespace oncall
