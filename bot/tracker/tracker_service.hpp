// Carries out tracker work on the bot's io thread: every 250 ms it takes the tracker jobs that
// are due and runs them one by one against Jira, and every tracker.sync_every (or soon after
// someone asks, e.g. /oncall followups) it reads the status of open follow-ups' tickets back.
//
// Exactly once: before creating an issue the service searches the incident's label, and adopts
// an issue that an earlier attempt created but never heard back about (Jira down or a timeout
// after the create). Failures never block an incident: a transient one (unreachable, 5xx, 429)
// is retried with backoff after one line in the room; a permanent one (400, 401, 403, 404) ends
// the job with one line in the room that names the fix (then /oncall ticket asks again).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <random>
#include <set>

#include "bot/engine/incident_engine.hpp"
#include "bot/net/http_client.hpp"
#include "bot/tracker/jira_client.hpp"

namespace oncall {

class tracker_service {
 public:
  tracker_service(boost::asio::any_io_executor executor, incident_engine& engine, http_client& http);

  // Polls until `stopping` is set; does nothing while no tracker is configured.
  boost::asio::awaitable<void> run(const bool& stopping);
  // Reads the incident's tickets back at the next poll.
  void request_refresh(std::int64_t incident_id) { refresh_.insert(incident_id); }
  // One round: the due jobs, then a sync when one is due. For tests and run().
  boost::asio::awaitable<void> poll();

 private:
  boost::asio::awaitable<jira_answer> carry_out(jira_client& jira, tracker_job& job);
  boost::asio::awaitable<jira_answer> incident_ticket(jira_client& jira, tracker_job& job);
  boost::asio::awaitable<jira_answer> followup_ticket(jira_client& jira, tracker_job& job);
  boost::asio::awaitable<jira_answer> followup_done(jira_client& jira, tracker_job& job);
  boost::asio::awaitable<void> sync(jira_client& jira);
  boost::asio::awaitable<void> attach_draft(jira_client& jira, const incident& inc, const std::string& key);

  // Records a ticket, the job's end, a timeline entry and (when not empty) a post in the room,
  // in one commit.
  void finish(tracker_job job, const std::optional<ticket>& t, const std::string& timeline_text,
              const rich_text& room_line);
  void failed(tracker_job job, const jira_answer& a);
  void close_followup(const ticket& t);
  void post(std::int64_t incident_id, const std::string& key, const rich_text& line);
  std::string what(const tracker_job& job) const;
  duration retry_delay(int attempts);

  boost::asio::any_io_executor executor_;
  incident_engine& engine_;
  http_client& http_;
  std::set<std::int64_t> refresh_;
  std::optional<time_point> next_sync_;
  std::mt19937_64 rng_{std::random_device{}()};
};

}  // namespace oncall
