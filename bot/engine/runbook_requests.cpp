#include "bot/engine/runbook_requests.hpp"

#include <algorithm>

#include "bot/chat/message_codec.hpp"
#include "bot/runbook/roles.hpp"
#include "bot/runbook/validation.hpp"

namespace oncall {

namespace {

const runbook* find_runbook(const config& cfg, const std::string& name) {
  for (const auto& rb : cfg.runbooks) {
    if (rb.name == name) return &rb;
  }
  return nullptr;
}

std::string roles_text(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : " or ") + r;
  return out;
}

std::string run_label(const runbook_run& run) {
  return "run " + std::to_string(run.id) + " of " + run.runbook;
}

}  // namespace

std::string display_argv(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) {
    if (!out.empty()) out += ' ';
    bool plain = !a.empty() && a.find_first_of(" \"'\\") == std::string::npos;
    if (plain) {
      out += a;
      continue;
    }
    out += '"';
    for (char c : a) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out;
}

std::vector<std::string> runbook_requests::roles_of(const actor& who) const {
  if (!who.known()) return {};
  const person* p = engine_.cfg().find_person(who.person);
  return p ? p->roles : std::vector<std::string>{};
}

void runbook_requests::record(const runbook_run& run, const std::string& author,
                              const std::string& timeline_text) {
  engine_.commit([&] {
    engine_.storage().update_runbook_run(run);
    if (run.incident_id != 0 && !timeline_text.empty()) {
      engine_.note(run.incident_id, "runbook", author, timeline_text);
    }
  });
}

runbook_decision runbook_requests::refuse(runbook_run run, const actor& by, const std::string& why) {
  run.state = std::string(run_state::refused);
  run.error = why;
  engine_.commit([&] {
    run.id = engine_.storage().insert_runbook_run(run);
    if (run.incident_id != 0) {
      engine_.note(run.incident_id, "runbook",
                   by.name(), by.name() + " was refused runbook " + run.runbook + ": " + why);
    }
  });
  return {run, simple_message({rt::text("Sorry: " + why)})};
}

runbook_decision runbook_requests::request(const actor& by, const runbook_request& req) {
  runbook_run run;
  run.runbook = req.runbook;
  run.requested_by = by.name();
  run.incident_id = req.incident_id;
  run.channel = req.channel;
  run.requested_at = engine_.now();
  for (const auto& t : req.tokens) {
    auto eq = t.find('=');
    if (eq == std::string::npos) {
      run.params.emplace_back(t, "");
    } else {
      run.params.emplace_back(t.substr(0, eq), t.substr(eq + 1));
    }
  }

  const runbook* rb = find_runbook(engine_.cfg(), req.runbook);
  if (!rb) {
    return refuse(run, by, "there is no runbook '" + req.runbook +
                               "'; /oncall runbooks lists the ones you may run.");
  }
  const auto roles = roles_of(by);
  if (auto allowed = check_may_run(*rb, by.name(), roles); !allowed) {
    return refuse(run, by, allowed.err().message);
  }
  auto argv = argv_for(*rb, req.tokens);
  if (!argv) return refuse(run, by, argv.err().message);
  run.argv = *argv;
  const auto shown = display_argv(run.argv);

  outbound_message m;
  if (rb->confirm && !req.yes) {
    run.state = std::string(run_state::awaiting_confirmation);
    run.expires_at = run.requested_at + runbook_confirm_window;
  } else {
    run.state = std::string(run_state::approved);
  }
  engine_.commit([&] {
    run.id = engine_.storage().insert_runbook_run(run);
    if (run.incident_id != 0) {
      auto text = by.name() + " requested " + run_label(run) + ": " + shown +
                  (run.state == run_state::approved
                       ? (rb->confirm ? " (confirmed with --yes)" : "")
                       : " (waiting for confirmation)");
      engine_.note(run.incident_id, "runbook", by.name(), text);
    }
  });

  if (run.state == run_state::awaiting_confirmation) {
    // The prompt is a message of its own (not the command's reply), so its Confirm button is
    // a real button on every platform; it goes to the incident room or this channel.
    outbound_message prompt;
    prompt.headline = {rt::text("Confirm running " + rb->name + "? (run " + std::to_string(run.id) +
                                ", requested by " + by.name() + ")")};
    prompt.body = {{rt::text("This will run exactly:")}, {rt::code(shown)}};
    prompt.buttons = {{action_runbook_confirm, "Confirm", std::to_string(run.id), button::style::danger}};
    prompt.context = {{rt::text("Someone with the role " +
                                (rb->roles.empty() ? std::string("of any person") : roles_text(rb->roles)) +
                                " may confirm until " + format_iso8601(*run.expires_at) +
                                " (5 minutes); after that, ask again.")}};
    post(run, "runbook-confirm:" + std::to_string(run.id), prompt);
    m.headline = {rt::text("Run " + std::to_string(run.id) + " of " + rb->name +
                           " waits for confirmation: press Confirm on the message in the " +
                           (run.incident_id ? "incident room" : "channel") + " within 5 minutes.")};
    return {run, m};
  }
  if (run.state == run_state::approved) {
    m.headline = {rt::text("Running " + rb->name + " (run " + std::to_string(run.id) + ")")};
    m.body = {{rt::code(shown)}};
    m.context = {{rt::text("Requested by " + by.name() + "; the output follows here.")}};
  }
  return {run, m};
}

void runbook_requests::post(const runbook_run& run, const std::string& key, const outbound_message& m) {
  effect e;
  e.key = key;
  e.payload = message_to_json(m);
  e.created_at = engine_.now();
  if (run.incident_id != 0) {
    e.kind = effect_kind::thread_post;
    e.channel = engine_.lane(run.incident_id);
    e.incident_id = run.incident_id;
  } else {
    e.kind = effect_kind::channel_post;
    e.channel = run.channel;
  }
  engine_.commit([&] { engine_.enqueue(e); });
}

result<runbook_run> runbook_requests::confirm(std::int64_t run_id, const actor& by,
                                              const std::string& channel) {
  auto& st = engine_.storage();
  auto run = st.find_runbook_run(run_id);
  bool here = run && (channel.empty() || run->channel == channel);
  if (run && !here && run->incident_id != 0) {
    auto inc = engine_.find(run->incident_id);
    here = inc && inc->channel == channel;
  }
  if (!run || !here) {
    return error{"this button names no runbook run waiting in this channel"};
  }
  if (run->state == run_state::expired) {
    return error{"this confirmation expired; ask again with /oncall run " + run->runbook};
  }
  if (run->state != run_state::awaiting_confirmation) {
    return error{"run " + std::to_string(run->id) + " is " + run->state + " already, not waiting for confirmation"};
  }
  const runbook* rb = find_runbook(engine_.cfg(), run->runbook);
  if (!rb) {
    return error{"runbook '" + run->runbook + "' is no longer configured; nothing was run"};
  }
  if (auto allowed = check_may_run(*rb, by.name(), roles_of(by)); !allowed) {
    return error{allowed.err().message};
  }
  if (run->expires_at && engine_.now() >= *run->expires_at) {
    run->state = std::string(run_state::expired);
    record(*run, by.name(), run_label(*run) + " expired unconfirmed; " + by.name() + " clicked Confirm too late");
    return error{"this confirmation expired at " + format_iso8601(*run->expires_at) +
                 "; nothing was run. Ask again with /oncall run " + run->runbook};
  }
  run->state = std::string(run_state::approved);
  record(*run, by.name(), by.name() + " confirmed " + run_label(*run));
  return *run;
}

int runbook_requests::expire_due() {
  int n = 0;
  const auto now = engine_.now();
  for (auto& run : engine_.storage().runbook_runs_in_state(std::string(run_state::awaiting_confirmation))) {
    if (!run.expires_at || now < *run.expires_at) continue;
    run.state = std::string(run_state::expired);
    record(run, "oncallbot", run_label(run) + " expired: nobody confirmed it within 5 minutes");
    ++n;
  }
  return n;
}

int runbook_requests::interrupt_leftovers() {
  int n = 0;
  auto& st = engine_.storage();
  for (auto state : {run_state::running, run_state::approved}) {
    for (auto& run : st.runbook_runs_in_state(std::string(state))) {
      bool was_running = run.state == run_state::running;
      run.state = std::string(run_state::interrupted);
      run.ended_at = engine_.now();
      run.error = was_running ? "the bot stopped while it ran; it was not run again"
                              : "the bot stopped before it started; it was not run";
      record(run, "oncallbot", run_label(run) + " interrupted: " + run.error);
      ++n;
    }
  }
  return n;
}

}  // namespace oncall
