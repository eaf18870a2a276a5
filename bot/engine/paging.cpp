// Who an escalation level reaches, and reaching them: the mention in the room is not enough at
// 3 a.m., so every person paged also gets a direct message and the level's notifiers are called.
// Each person reached is recorded (notifications) so /oncall why can replay it later.
#include <algorithm>

#include "bot/chat/message_codec.hpp"
#include "bot/core/schedule.hpp"
#include "bot/core/severity.hpp"
#include "bot/engine/incident_engine.hpp"
#include "bot/notify/notifier_payload.hpp"

namespace oncall {

namespace {

std::string target_text(const notify_target& t) {
  switch (t.type) {
    case notify_target::kind::schedule: return "schedule:" + t.name;
    case notify_target::kind::person: return "person:" + t.name;
    case notify_target::kind::notifier: return "notifier:" + t.name;
  }
  return t.name;
}

outbound_message page_dm(const incident& inc, const notification& n) {
  outbound_message m;
  m.headline = {rt::text("You are paged: " + inc.display_id() + " "), rt::bold(inc.title)};
  m.body.push_back({rt::text("Severity " + severity_label(inc.severity) + ", escalation level " +
                             std::to_string(n.level + 1) + "; you were reached because you are " +
                             n.reason + ".")});
  m.body.push_back({rt::text("Acknowledge in the incident room with "),
                    rt::code("/oncall ack " + std::to_string(inc.id)), rt::text(".")});
  return m;
}

outbound_message storm_dm(const incident& inc, const notification& n, const std::string& channel) {
  outbound_message m;
  m.headline = {rt::text("You are paged: "), rt::bold("alert storm in " + channel)};
  m.body.push_back({rt::text("Many incidents are opening at once (" + inc.display_id() + " " + inc.title +
                             " among them); they are summarised in one message in " + channel +
                             ". Escalation level " + std::to_string(n.level + 1) +
                             "; you were reached because you are " + n.reason + ".")});
  m.body.push_back({rt::code("/oncall incidents"), rt::text(" lists them; ack each with "),
                    rt::code("/oncall ack ID"), rt::text(".")});
  return m;
}

}  // namespace

schedule incident_engine::effective_schedule(const schedule& s) {
  return with_overrides(s, store_.overrides(s.name));
}

std::vector<notification> incident_engine::level_targets(const incident& inc) {
  std::vector<notification> out;
  const escalation_policy* policy = cfg_->find_policy(inc.policy);
  if (!policy || inc.level >= static_cast<int>(policy->levels.size())) return out;
  const auto now = clock_.now();
  auto add = [&](const notify_target& t, std::string person, std::string reason) {
    bool seen = !person.empty() && std::any_of(out.begin(), out.end(), [&](const notification& n) {
      return n.person == person;
    });
    if (seen) return;  // reached once per level, under the first target that named them
    out.push_back({0, inc.id, inc.level, inc.cycle, target_text(t), std::move(person),
                   std::move(reason), now});
  };
  for (const auto& t : policy->levels[inc.level].notify) {
    if (t.type == notify_target::kind::person) {
      add(t, t.name, "named in level " + std::to_string(inc.level + 1) + " of policy " + policy->name);
    } else if (t.type == notify_target::kind::notifier) {
      add(t, "", "notifier " + t.name);
    } else if (const schedule* s = cfg_->find_schedule(t.name)) {
      auto eff = effective_schedule(*s);
      auto who = on_call_at(eff, now);
      if (who.empty()) continue;
      add(t, who, "on call for " + s->name + (overridden_at(eff, now) ? " (override)" : " (rotation)"));
    }
  }
  return out;
}

std::vector<std::string> incident_engine::paged_chat_users(const incident& inc) {
  std::vector<std::string> users;
  for (const auto& n : level_targets(inc)) {
    auto handle = chat_handle(n.person);
    if (!handle.empty() && std::find(users.begin(), users.end(), handle) == users.end()) {
      users.push_back(handle);
    }
  }
  return users;
}

void incident_engine::page_level(const incident& inc, std::int64_t cause) {
  const auto targets = level_targets(inc);
  std::vector<const person*> people;
  for (const auto& n : targets) {
    if (const person* p = cfg_->find_person(n.person)) people.push_back(p);
  }
  // In a storm, each person and notifier is reached once per storm and level, not once per
  // incident: the idempotency key makes the later ones no-ops.
  const auto storm_id = store_.storm_of(inc.id);
  const std::string prefix =
      storm_id ? "storm:" + std::to_string(*storm_id) + ":" + std::to_string(inc.cycle) + ":" +
                     std::to_string(inc.level) + ":"
               : std::to_string(inc.id) + ":" + std::to_string(cause) + ":";
  for (const auto& n : targets) {
    store_.insert_notification(n);
    effect e;
    e.incident_id = inc.id;
    e.created_at = clock_.now();
    if (!n.person.empty()) {
      auto handle = chat_handle(n.person);
      if (handle.empty()) continue;  // not reachable in chat; the room mention says so
      e.kind = effect_kind::direct_message;
      e.key = "dm:" + prefix + handle;
      e.channel = "dm:" + handle;
      e.subject = handle;
      e.payload = message_to_json(storm_id ? storm_dm(inc, n, lane(inc)) : page_dm(inc, n));
    } else {
      const std::string name = n.target.substr(n.target.find(':') + 1);
      const notifier* nf = nullptr;
      for (const auto& candidate : cfg_->notifiers) {
        if (candidate.name == name) nf = &candidate;
      }
      if (!nf) continue;
      e.kind = effect_kind::notify;
      e.key = "notify:" + prefix + name;
      e.channel = "notifier:" + name;
      e.subject = name;
      e.payload = notifier_body(*nf, {inc, n.level, people, clock_.now()});
    }
    // A page is a DM or notifier call that was not queued already (storms reach people once).
    if (enqueue(e)) ++pages_in_commit_;
  }
}

}  // namespace oncall
