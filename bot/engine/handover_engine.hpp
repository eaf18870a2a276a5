// Shift handovers: notices when a schedule changes hands (rotation or override, also while the
// bot was down), posts the handover with a summary of the shift that ended to the schedule's
// handover_channel, DMs the incoming person, and reminds until someone presses "I have it".
// Runs on the engine thread, like the incident engine it shares storage and commits with.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bot/core/result.hpp"
#include "bot/engine/incident_engine.hpp"

namespace oncall {

class handover_engine {
 public:
  explicit handover_engine(incident_engine& engine) : engine_(engine) {}

  // Detects handoffs and sends due reminders; returns how many handovers and reminders went out.
  int tick();
  // /oncall handover: the handover of `s` posted now (outgoing: on call now; incoming: next).
  result<handover> post_now(const schedule& s, const actor& by);
  // /oncall handover <note>: kept for the next handover of `s`.
  void leave_note(const schedule& s, const actor& by, const std::string& text);
  // The "I have it" button.
  result<handover> accept(std::int64_t handover_id, const actor& by);

 private:
  handover post_handover(const schedule& s, const std::string& outgoing,
                         const std::string& incoming, time_point shift_from, time_point shift_to);
  void check_schedule(const schedule& s, int& sent);
  void remind(handover h);
  void send_to_channel(const schedule& s, const std::string& key, const outbound_message& m,
                       const std::string& subject = "");
  void send_direct(const std::string& person, const std::string& key, const outbound_message& m);
  rich_text who(const std::string& person) const;
  std::string permalink(const incident& inc) const;
  const schedule* find_schedule(const std::string& name) const;

  incident_engine& engine_;
};

}  // namespace oncall
