// Button dispatch. The incident comes from the button's value, checked against the message it
// sits on, so a forged value cannot act on another incident.
#include "handlers/buttons.hpp"

#include "bot/engine/announcement.hpp"
#include "bot/engine/handover_engine.hpp"
#include "bot/engine/handover_message.hpp"
#include "bot/engine/runbook_requests.hpp"
#include "handlers/arguments.hpp"

namespace oncall {

namespace {

outbound_message refusal(const std::string& why) {
  return simple_message({rt::text("Sorry: " + why + ".")});
}

// "I have it" on a handover: the value is the handover id.
std::optional<outbound_message> accept_handover(command_context& ctx, const button_click& click) {
  auto id = parse_incident_id(click.value);
  if (!id) return refusal("this button names no handover oncallbot knows");
  auto accepted = handover_engine(ctx.engine).accept(*id, ctx.caller);
  if (!accepted) return refusal(accepted.err().message);
  return simple_message({rt::text("Thanks, you have the pager for " + accepted->schedule + ".")});
}

// Confirm on a runbook request: the value is the run id; the runbook service starts it.
std::optional<outbound_message> confirm_runbook(command_context& ctx, const button_click& click) {
  auto id = parse_incident_id(click.value);
  if (!id) return refusal("this button names no runbook run oncallbot knows");
  if (!ctx.caller.known()) {
    return refusal("you are not in oncallbot's people list; ask an admin to add your chat id " +
                   ctx.caller.chat_user);
  }
  auto approved = runbook_requests(ctx.engine).confirm(*id, ctx.caller, click.channel);
  if (!approved) return refusal(approved.err().message);
  return simple_message({rt::text("Confirmed: running " + approved->runbook + " (run " +
                                  std::to_string(approved->id) + "); the output follows here.")});
}

}  // namespace

std::optional<outbound_message> handle_button(command_context& ctx, const button_click& click) {
  if (click.action_id == action_handover_accept) return accept_handover(ctx, click);
  if (click.action_id == action_runbook_confirm) return confirm_runbook(ctx, click);
  auto id = parse_incident_id(click.value);
  auto inc = id ? ctx.engine.find(*id) : std::nullopt;
  if (!inc) return refusal("this button names no incident oncallbot knows");
  // A forged value names another incident than the announcement clicked on, whose own
  // announcement may not even be posted yet.
  bool elsewhere = !inc->message_ref.empty() && !click.message_ref.empty() &&
                   (inc->message_ref != click.message_ref || inc->channel != click.channel);
  auto clicked_on = click.message_ref.empty()
                        ? std::nullopt
                        : ctx.engine.find_by_message(click.channel, click.message_ref);
  if (elsewhere || (clicked_on && clicked_on->id != inc->id)) {
    return refusal("this button does not belong to incident " + inc->display_id() + "'s announcement");
  }
  if (!ctx.caller.known()) {
    return refusal("you are not in oncallbot's people list; ask an admin to add your chat id " +
                   ctx.caller.chat_user);
  }
  result<incident> outcome = *inc;
  if (click.action_id == action_ack) {
    outcome = ctx.engine.ack(inc->id, ctx.caller, std::nullopt);
  } else if (click.action_id == action_escalate) {
    outcome = ctx.engine.escalate(inc->id, ctx.caller, "");
  } else if (click.action_id == action_resolve) {
    outcome = ctx.engine.resolve(inc->id, ctx.caller, "");
  } else if (click.action_id.rfind("rate_", 0) == 0) {
    auto rated = ctx.engine.rate(inc->id, ctx.caller, click.action_id.substr(5));
    if (!rated) return refusal(rated.err().message);
    return simple_message({rt::text("Thanks, your rating of " + inc->display_id() + " is recorded.")});
  } else {
    return refusal("oncallbot does not know the button '" + click.action_id + "'");
  }
  if (!outcome) return refusal(outcome.err().message);
  return std::nullopt;
}

}  // namespace oncall
