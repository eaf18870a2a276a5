// Runbook requests from chat, beside the incident engine: `/oncall run` checks (role, then
// arguments), the confirmation a `confirm: true` runbook waits for, and its expiry. Each
// decision is one commit of the run record (the audit log) and, when the run belongs to an
// incident, a timeline entry of kind "runbook". Nothing here starts a process: an approved run
// is carried out by the runbook service (bot/runbook/runbook_service.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bot/chat/message.hpp"
#include "bot/core/result.hpp"
#include "bot/core/runbook_run.hpp"
#include "bot/engine/actor.hpp"
#include "bot/engine/incident_engine.hpp"

namespace oncall {

inline constexpr const char* action_runbook_confirm = "runbook_confirm";

// How long a Confirm button stays good.
inline constexpr duration runbook_confirm_window{5 * 60 * 1000};

struct runbook_request {
  std::string runbook;
  std::vector<std::string> tokens;  // key=value, as typed
  bool yes = false;                 // --yes: the caller confirms in the same breath
  std::int64_t incident_id = 0;     // 0: none
  std::string channel;
};

struct runbook_decision {
  runbook_run run;
  outbound_message message;  // what the caller (and, unless refused, the channel) sees
  bool refused() const { return run.state == run_state::refused; }
  // An approved run is announced in the channel; refusals and prompts answer the caller alone
  // (a prompt's Confirm button is posted as a message of its own).
  bool in_channel() const { return run.state == run_state::approved; }
};

// The argv as shown for confirmation and in the audit log: elements separated by spaces, an
// element with spaces, quotes or nothing in it written in double quotes.
std::string display_argv(const std::vector<std::string>& argv);

class runbook_requests {
 public:
  explicit runbook_requests(incident_engine& engine) : engine_(engine) {}

  // The person's roles from people[]; empty for strangers.
  std::vector<std::string> roles_of(const actor& who) const;

  // Checks and records a request: refused, awaiting_confirmation or approved.
  runbook_decision request(const actor& by, const runbook_request& req);

  // A Confirm click on run `run_id` in `channel`. The approved run, or an error to show the
  // clicker (expired confirmations are recorded as expired).
  result<runbook_run> confirm(std::int64_t run_id, const actor& by, const std::string& channel);

  // Confirmations whose time ran out become expired; returns how many.
  int expire_due();

  // At start-up: runs left running or approved by a bot that stopped are marked interrupted,
  // never run again; returns how many.
  int interrupt_leftovers();

  // Records a change of a run (state, times, outcome) and its timeline entry, in one commit.
  void record(const runbook_run& run, const std::string& author, const std::string& timeline_text);

  // Posts `m` about `run` in its incident room, or top-level in the channel it was asked in
  // (an effect with idempotency key `key`).
  void post(const runbook_run& run, const std::string& key, const outbound_message& m);

 private:
  runbook_decision refuse(runbook_run run, const actor& by, const std::string& why);

  incident_engine& engine_;
};

}  // namespace oncall
