// The tracker service (see tracker_service.hpp).
#include "bot/tracker/tracker_service.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/chat/message_codec.hpp"
#include "bot/engine/permalink.hpp"
#include "bot/report/postmortem.hpp"

namespace oncall {

namespace asio = boost::asio;

namespace {

constexpr duration first_retry{2'000};
constexpr duration longest_retry{5 * 60'000};

rich_text ticket_link(const ticket& t) { return {rt::link(t.key, t.url)}; }

rich_text line_with(rich_text head, const rich_text& tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

}  // namespace

tracker_service::tracker_service(asio::any_io_executor executor, incident_engine& engine, http_client& http)
    : executor_(executor), engine_(engine), http_(http) {
  engine_.on_ticket_refresh([this](std::int64_t id) { request_refresh(id); });
}

asio::awaitable<void> tracker_service::run(const bool& stopping) {
  if (engine_.cfg().tracker && engine_.cfg().tracker->token.empty()) {
    spdlog::warn("tracker: tracker.token is empty, so no tickets are filed; set it and reload");
  }
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (!stopping) {
    try {
      co_await poll();
    } catch (const std::exception& e) {
      spdlog::error("tracker: {}", e.what());
    }
    timer.expires_after(std::chrono::milliseconds(250));
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

asio::awaitable<void> tracker_service::poll() {
  const auto& cfg = engine_.cfg();
  if (!cfg.tracker || cfg.tracker->token.empty()) co_return;
  jira_client jira(http_, *cfg.tracker);
  for (auto job : engine_.storage().tracker_jobs("pending")) {
    if (job.next_attempt_at && *job.next_attempt_at > engine_.now()) continue;
    auto answer = co_await carry_out(jira, job);
    if (!answer.ok()) failed(job, answer);
  }
  const auto now = engine_.now();
  if (!next_sync_ || *next_sync_ <= now || !refresh_.empty()) {
    next_sync_ = now + cfg.tracker->sync_every;
    co_await sync(jira);
  }
}

asio::awaitable<jira_answer> tracker_service::carry_out(jira_client& jira, tracker_job& job) {
  switch (job.kind) {
    case tracker_job_kind::incident_ticket: co_return co_await incident_ticket(jira, job);
    case tracker_job_kind::followup_ticket: co_return co_await followup_ticket(jira, job);
    case tracker_job_kind::followup_done: co_return co_await followup_done(jira, job);
  }
  co_return jira_answer{};
}

asio::awaitable<jira_answer> tracker_service::incident_ticket(jira_client& jira, tracker_job& job) {
  auto inc = engine_.find(job.incident_id);
  if (!inc) {
    finish(job, std::nullopt, "", {});
    co_return jira_answer{};
  }
  const auto& t = jira.cfg();
  incident_facts facts{*inc, incident_permalink(engine_.cfg(), *inc)};
  auto existing = engine_.storage().find_ticket(inc->id, 0);
  if (existing) {
    // An update: the fields as they are now, and a comment saying what changed.
    auto a = co_await jira.edit_issue(existing->key, incident_issue_fields(t, facts, false));
    if (!a.ok()) co_return a;
    a = co_await jira.add_comment(existing->key, incident_update_comment(*inc));
    if (!a.ok()) co_return a;
    finish(job, existing, "Jira " + existing->key + " updated: " + existing->url,
           line_with({rt::text("Updated "), rt::bold(existing->key), rt::text(" for " + inc->display_id() + ": ")},
                     ticket_link(*existing)));
    co_await attach_draft(jira, *inc, existing->key);
    co_return a;
  }
  // Search first: an earlier attempt may have created it without hearing back.
  std::vector<jira_issue> found;
  auto a = co_await jira.search_incident(inc->id, found);
  if (!a.ok()) co_return a;
  ticket made{inc->id, 0};
  if (auto adopted = incident_ticket_in(found)) {
    made.key = adopted->key;
    made.status = adopted->status;
    made.category = adopted->category;
  } else {
    a = co_await jira.create_issue(incident_issue_fields(t, facts, true));
    if (!a.ok()) co_return a;
    made.key = a.body["key"].get<std::string>();
    made.category = "new";
  }
  made.url = browse_url(t, made.key);
  made.checked_at = engine_.now();
  rich_text line = {rt::text(std::string(job.failure_reported ? "Jira is back: filed " : "Filed ")),
                    rt::link(made.key, made.url), rt::text(" for " + inc->display_id() + " (" + t.issue_type + ").")};
  finish(job, made, "Jira " + made.key + " filed for " + inc->display_id() + ": " + made.url, line);
  co_await attach_draft(jira, *inc, made.key);
  co_return a;
}

// The postmortem draft of a resolved incident, attached to its ticket after the ticket is
// recorded (so the draft's timeline shows the key). Best effort: the ticket matters more, so a
// failure is noted in the timeline and not retried (/oncall ticket attaches a fresh draft).
asio::awaitable<void> tracker_service::attach_draft(jira_client& jira, const incident& inc, const std::string& key) {
  if (inc.open()) co_return;
  auto draft = render_postmortem(engine_.storage(), engine_.cfg(), inc.id, postmortem_format::markdown, engine_.now());
  if (!draft) co_return;
  auto name = postmortem_file_name(inc, postmortem_format::markdown);
  auto a = co_await jira.attach(key, name, *draft);
  if (a.ok()) {
    engine_.note(inc.id, "ticket", "oncallbot", "postmortem draft " + name + " attached to Jira " + key);
  } else {
    spdlog::warn("tracker: attaching the postmortem draft to {} failed: {}", key, a.message);
    engine_.note(inc.id, "ticket", "oncallbot", "postmortem draft not attached to Jira " + key + ": " + a.message);
  }
}

asio::awaitable<jira_answer> tracker_service::followup_ticket(jira_client& jira, tracker_job& job) {
  auto& st = engine_.storage();
  auto f = st.find_followup(job.followup_id);
  auto inc = engine_.find(job.incident_id);
  if (!f || !inc || st.find_ticket(job.incident_id, job.followup_id)) {
    finish(job, std::nullopt, "", {});  // gone, or filed already
    co_return jira_answer{};
  }
  const auto& t = jira.cfg();
  std::vector<jira_issue> found;
  auto a = co_await jira.search_incident(inc->id, found);
  if (!a.ok()) co_return a;
  ticket made{inc->id, f->id};
  const person* owner = engine_.cfg().find_person(f->owner);
  if (auto adopted = followup_ticket_in(found, f->id)) {
    made.key = adopted->key;
    made.status = adopted->status;
    made.category = adopted->category;
  } else {
    auto fields = followup_issue_fields(t, *f, *inc, owner ? owner->jira : "", incident_permalink(engine_.cfg(), *inc));
    a = co_await jira.create_issue(std::move(fields));
    if (!a.ok()) co_return a;
    made.key = a.body["key"].get<std::string>();
    made.category = "new";
  }
  made.url = browse_url(t, made.key);
  made.checked_at = engine_.now();
  std::string assigned = owner && !owner->jira.empty() ? " (assigned to " + owner->name + ")" : "";
  rich_text line = {rt::text(std::string(job.failure_reported ? "Jira is back: follow-up " : "Follow-up ")),
                    rt::bold(f->display_id()), rt::text(" is "), rt::link(made.key, made.url), rt::text(assigned + ".")};
  finish(job, made, f->display_id() + " is Jira " + made.key + assigned + ": " + made.url, line);
  co_return a;
}

asio::awaitable<jira_answer> tracker_service::followup_done(jira_client& jira, tracker_job& job) {
  auto& st = engine_.storage();
  auto t = st.find_ticket(job.incident_id, job.followup_id);
  if (!t) {
    bool filing = false;
    for (const auto& other : st.tracker_jobs("pending")) {
      filing = filing || (other.kind == tracker_job_kind::followup_ticket && other.followup_id == job.followup_id);
    }
    if (filing) {
      // Its ticket is still being filed: close it after that.
      job.next_attempt_at = engine_.now() + first_retry;
      engine_.commit([&] { st.update_tracker_job(job); });
    } else {
      finish(job, std::nullopt, "", {});
    }
    co_return jira_answer{};
  }
  auto a = co_await jira.move_to_done(t->key);
  if (!a.ok()) co_return a;
  t->category = "done";
  t->checked_at = engine_.now();
  finish(job, t, "Jira " + t->key + " moved to done (F" + std::to_string(job.followup_id) + " closed in chat)", {});
  co_return a;
}

asio::awaitable<void> tracker_service::sync(jira_client& jira) {
  auto& st = engine_.storage();
  std::set<std::int64_t> incidents;
  incidents.swap(refresh_);
  for (const auto& f : st.open_followups()) {
    if (st.find_ticket(f.incident_id, f.id)) incidents.insert(f.incident_id);
  }
  for (auto id : incidents) {
    std::vector<jira_issue> found;
    auto a = co_await jira.search_incident(id, found);
    if (!a.ok()) {
      spdlog::warn("tracker: reading the tickets of #{} back failed: {}", id, a.message);
      continue;
    }
    engine_.commit([&] {
      for (auto t : st.tickets(id)) {
        for (const auto& issue : found) {
          if (issue.key != t.key) continue;
          t.status = issue.status;
          t.category = issue.category;
          t.checked_at = engine_.now();
          st.save_ticket(t);
          if (t.followup_id != 0 && t.state() == ticket_state::done) close_followup(t);
        }
      }
    });
  }
}

// A follow-up whose ticket Jira says is done is done in oncallbot too: /oncall followups, the
// handover and the postmortem agree with the tracker, where the work is tracked.
void tracker_service::close_followup(const ticket& t) {
  auto& st = engine_.storage();
  auto f = st.find_followup(t.followup_id);
  if (!f || f->done()) return;
  f->done_at = engine_.now();
  f->done_by = "Jira";
  st.update_followup(*f);
  engine_.note(t.incident_id, "followup", "oncallbot",
               f->display_id() + " done in Jira (" + t.key + " " + t.status + "): " + f->text);
}

void tracker_service::finish(tracker_job job, const std::optional<ticket>& t, const std::string& timeline_text,
                             const rich_text& room_line) {
  job.state = "done";
  job.last_error.clear();
  engine_.commit([&] {
    engine_.storage().update_tracker_job(job);
    if (t) engine_.storage().save_ticket(*t);
    // The timeline (and so the postmortem) keeps every ticket key.
    if (!timeline_text.empty()) engine_.note(job.incident_id, "ticket", "oncallbot", timeline_text);
    if (!room_line.empty()) post(job.incident_id, "tracker:" + std::to_string(job.id) + ":done", room_line);
  });
}

void tracker_service::failed(tracker_job job, const jira_answer& a) {
  ++job.attempts;
  job.last_error = a.message;
  rich_text line;
  std::string key = "tracker:" + std::to_string(job.id);
  if (a.permanent()) {
    job.state = "failed";
    line = {rt::text("Could not " + what(job) + ": " + a.message + ". Then run "),
            rt::code("/oncall ticket " + std::to_string(job.incident_id)), rt::text(" again.")};
    key += ":failed";
    spdlog::error("tracker: could not {}: {}", what(job), a.message);
  } else {
    auto delay = a.retry_after ? std::max(*a.retry_after, duration{1000}) : retry_delay(job.attempts);
    job.next_attempt_at = engine_.now() + delay;
    spdlog::warn("tracker: could not {} ({}); retrying in {}", what(job), a.message, format_duration(delay));
    if (!job.failure_reported) {
      job.failure_reported = true;
      line = {rt::text(a.message + "; will " + what(job) + " when Jira answers (retrying with backoff).")};
      key += ":waiting";
    }
  }
  engine_.commit([&] {
    engine_.storage().update_tracker_job(job);
    if (!line.empty()) {
      engine_.note(job.incident_id, "ticket", "oncallbot", plain_text(line));
      post(job.incident_id, key, line);
    }
  });
}

void tracker_service::post(std::int64_t incident_id, const std::string& key, const rich_text& line) {
  effect e;
  e.key = key;
  e.kind = effect_kind::thread_post;
  e.channel = engine_.cfg().chat.alerts_channel;
  e.incident_id = incident_id;
  e.payload = message_to_json(simple_message(line));
  e.created_at = engine_.now();
  engine_.enqueue(e);
}

std::string tracker_service::what(const tracker_job& job) const {
  const std::string incident = "#" + std::to_string(job.incident_id);
  switch (job.kind) {
    case tracker_job_kind::incident_ticket: return "file the Jira ticket for " + incident;
    case tracker_job_kind::followup_ticket: return "file the Jira ticket for follow-up F" + std::to_string(job.followup_id);
    case tracker_job_kind::followup_done: return "close the Jira ticket of follow-up F" + std::to_string(job.followup_id);
  }
  return "reach Jira";
}

duration tracker_service::retry_delay(int attempts) {
  // Exponential with jitter: 2 s, 4 s, 8 s … up to 5 minutes.
  auto ceiling = std::min<duration>(longest_retry, first_retry * (std::int64_t{1} << std::min(attempts - 1, 20)));
  std::uniform_int_distribution<long long> pick(ceiling.count() / 2, ceiling.count());
  return duration{pick(rng_)};
}

}  // namespace oncall
