// The outbox carries out committed effects: one lane per channel, so messages to one channel
// keep their order and one channel's rate limit never holds up another. Failed calls are
// retried (Retry-After honoured, backoff otherwise); nothing is dropped silently.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <random>
#include <chrono>
#include <map>
#include <set>
#include <string>

#include "bot/chat/chat_platform.hpp"
#include "bot/engine/incident_engine.hpp"
#include "bot/net/http_client.hpp"

namespace oncall {

class outbox {
 public:
  // `http` carries outbound notifier calls; chat posts go through `chat`.
  outbox(boost::asio::any_io_executor executor, incident_engine& engine, chat_platform& chat,
         http_client& http);

  // New effects may be pending: start lanes for them.
  void kick();
  void stop() { stopping_ = true; }
  // Lanes still working (for shutdown and tests).
  std::size_t busy_lanes() const { return busy_.size(); }

 private:
  boost::asio::awaitable<void> drain(std::string lane);
  // true when the effect is finished (done, or given up after permanent failures).
  boost::asio::awaitable<post_result> carry_out(const effect& e);
  boost::asio::awaitable<post_result> carry_out_for_incident(const effect& e);
  boost::asio::awaitable<post_result> call_notifier(const effect& e);
  boost::asio::awaitable<post_result> carry_out_storm(const effect& e, std::int64_t storm_id);
  // An upload effect: the file into the incident's room (thread or dedicated channel).
  boost::asio::awaitable<post_result> upload_to_room(const effect& e);
  // An open_room effect: the dedicated channel, a numbered name when taken, people invited.
  boost::asio::awaitable<post_result> open_room(const effect& e);
  // What the timeline keeps of a finished notifier call.
  void record_notifier_outcome(const effect& e, const post_result& r);
  boost::asio::awaitable<void> sleep(duration d);
  // Waits until one more post in `lane` keeps to the platform's pace (a burst of 3, then one
  // per post_interval), so bursts are not dropped silently by the platform.
  boost::asio::awaitable<void> pace(const std::string& lane);
  // Updates of announcements keep to at most one per second per channel, whatever the
  // platform, so a storm of alert counts becomes a steady trickle of edits.
  boost::asio::awaitable<void> pace_update(const std::string& lane);
  std::optional<effect> next_in_lane(const std::string& lane);
  void finish(const effect& e, const post_result& r);

  boost::asio::any_io_executor executor_;
  incident_engine& engine_;
  chat_platform& chat_;
  http_client& http_;
  std::set<std::string> busy_;
  // Per lane token bucket, to keep to the platform's pace.
  struct bucket {
    double tokens = 3;
    std::chrono::steady_clock::time_point refilled = std::chrono::steady_clock::now();
  };
  boost::asio::awaitable<void> take_token(bucket& b, duration interval, double burst);
  static constexpr duration update_interval{1000};
  std::map<std::string, bucket> buckets_;
  std::map<std::string, bucket> update_buckets_;
  std::mt19937_64 rng_{std::random_device{}()};
  bool stopping_ = false;
};

}  // namespace oncall
