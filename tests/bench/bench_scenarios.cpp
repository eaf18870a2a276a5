// Role: implementation of the timed scenarios.
#include "bench_scenarios.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include "alert_bodies.hpp"
#include "bench_clock.hpp"

namespace oncall::bench {

namespace {

using namespace std::chrono_literals;

const char* command_channel = "oncall";

// Polls `condition` with a short sleep (chatsim serves the poll between the bot's requests, so
// polls are kept cheap and rare enough not to matter at millisecond scale).
template <typename F>
bool wait_for(F condition, std::chrono::milliseconds timeout, std::chrono::microseconds every = 200us) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(every);
  }
  return condition();
}

// Receive times of every reply in the command channel: ephemeral messages (oncallbot answers in
// the ack) and the bot's own messages (the peer answers with chat.postMessage), ascending.
std::vector<std::int64_t> reply_times(sim_process& sim) {
  json back = sim.get(std::string("/_sim/channels/") + command_channel + "/messages");
  std::vector<std::int64_t> times;
  for (const auto& e : back["ephemeral"]) times.push_back(e["received_mono_ns"].get<std::int64_t>());
  for (const auto& m : back["messages"]) {
    if (m.value("user", "") == "U0BOT") times.push_back(m["received_mono_ns"].get<std::int64_t>());
  }
  std::sort(times.begin(), times.end());
  return times;
}

std::map<std::string, json> envelopes_by_id(sim_process& sim) {
  std::map<std::string, json> out;
  json all = sim.get("/_sim/envelopes");  // kept alive: a range-for over a temporary's member dangles
  for (const auto& e : all["envelopes"]) out[e["envelope_id"]] = e;
  return out;
}

json command_body(int count, int wait_ms) {
  return {{"user", "alice"}, {"channel", command_channel}, {"text", "who"},
          {"count", count}, {"wait_ms", wait_ms}};
}

std::unique_ptr<httplib::Client> webhook_client(int http_port) {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", http_port);
  client->set_keep_alive(true);
  client->set_tcp_nodelay(true);  // else Nagle and delayed ACKs add 40 ms to a request
  client->set_read_timeout(60, 0);
  client->set_write_timeout(60, 0);
  client->set_bearer_token_auth(webhook_token);
  return client;
}

bool post_alert(httplib::Client& client, const std::string& body) {
  auto res = client.Post("/webhooks/alertmanager", body, "application/json");
  return res && res->status >= 200 && res->status < 300;
}

bool mentions(const json& message, const std::string& marker) {
  return message.dump().find(marker) != std::string::npos;
}

}  // namespace

slash_latency measure_slash_commands(sim_process& sim, int samples, int warmup) {
  slash_latency out;
  std::vector<std::string> counted;
  std::int64_t expected_posts = sim.api_calls("chat.postMessage");
  for (int i = 0; i < warmup + samples; ++i) {
    json r = sim.post("/_sim/slack/command", command_body(1, 5000));
    if (!r.value("acked", false)) {
      ++out.unanswered;
      continue;
    }
    if (!r["ack_payload"].is_object() || r["ack_payload"].empty()) {
      // The answer comes separately (chat.postMessage): wait for it before the next command.
      ++expected_posts;
      if (!wait_for([&] { return sim.api_calls("chat.postMessage") >= expected_posts; }, 5s)) {
        ++out.unanswered;
      }
    }
    if (i >= warmup) counted.push_back(r["envelope_id"]);
  }
  auto envelopes = envelopes_by_id(sim);
  auto replies = reply_times(sim);
  std::size_t next_reply = 0;
  for (const auto& id : counted) {
    const json& e = envelopes[id];
    std::int64_t sent = e["sent_mono_ns"];
    out.ack_ms.push_back(ns_to_ms(e["acked_mono_ns"].get<std::int64_t>() - sent));
    while (next_reply < replies.size() && replies[next_reply] < sent) ++next_reply;
    if (next_reply < replies.size()) out.reply_ms.push_back(ns_to_ms(replies[next_reply++] - sent));
  }
  return out;
}

std::optional<double> measure_slash_burst(sim_process& sim, int count) {
  std::size_t replies_before = reply_times(sim).size();
  auto acked_before = sim.get("/_sim/stats")["envelopes_acked"].get<std::int64_t>();
  json r = sim.post("/_sim/slack/command", command_body(count, 0));
  bool acked = wait_for([&] {
    return sim.get("/_sim/stats")["envelopes_acked"].get<std::int64_t>() >= acked_before + count;
  }, 60s, 2ms);
  std::vector<std::int64_t> replies;
  bool answered = acked && wait_for([&] {
    replies = reply_times(sim);
    return replies.size() >= replies_before + count;
  }, 60s, 20ms);
  if (!answered) return std::nullopt;
  auto envelopes = envelopes_by_id(sim);
  std::int64_t first_sent = INT64_MAX;
  for (const auto& id : r["envelope_ids"]) {
    first_sent = std::min(first_sent, envelopes[id.get<std::string>()]["sent_mono_ns"].get<std::int64_t>());
  }
  return ns_to_ms(replies.back() - first_sent);
}

announce_latency measure_announcements(sim_process& sim, int http_port, int samples, int warmup) {
  announce_latency out;
  auto client = webhook_client(http_port);
  std::string run = std::to_string(mono_ns() % 1'000'000);
  struct timed_alert {
    std::string marker;
    std::int64_t t0;
    int lane;
  };
  std::vector<timed_alert> sent;
  for (int i = 0; i < warmup + samples; ++i) {
    std::string marker = "BenchLatency" + run + "x" + std::to_string(i);
    std::int64_t posts_before = sim.api_calls("chat.postMessage");
    std::string channel_path = "/_sim/channels/" + lane_channel(i) + "/messages";
    std::int64_t t0 = mono_ns();
    if (!post_alert(*client, single_alert_body(marker, true, i))) {
      ++out.missed;
      continue;
    }
    // Pace on the announcement: wait for a post, then look for this alert's.
    bool announced = wait_for([&] {
      if (sim.api_calls("chat.postMessage") <= posts_before) return false;
      return !sim.get(channel_path)["messages"].empty();
    }, 5s, 500us);
    if (!announced) ++out.missed;
    if (i >= warmup && announced) sent.push_back({marker, t0, i});
    post_alert(*client, single_alert_body(marker, false, i));  // keep one incident open at a time
    std::this_thread::sleep_for(5ms);                           // let the resolution's posts pass
  }
  for (const auto& s : sent) {
    auto messages = sim.get("/_sim/channels/" + lane_channel(s.lane) + "/messages")["messages"];
    for (const auto& m : messages) {  // oldest first: the first mention is the announcement
      if (m.value("user", "") != "U0BOT" || !mentions(m, s.marker)) continue;
      out.ms.push_back(ns_to_ms(m["received_mono_ns"].get<std::int64_t>() - s.t0));
      break;
    }
  }
  return out;
}

storm_figures measure_storm(int http_port, pid_t bot, int alerts, int connections, double limit_s) {
  storm_figures out;
  // Bodies are built first so the timing covers only the bot's work.
  std::string run = std::to_string(mono_ns() % 1'000'000);
  std::vector<std::string> bodies;
  bodies.reserve(alerts);
  for (int i = 0; i < alerts; ++i) bodies.push_back(single_alert_body("Storm" + run + "x" + std::to_string(i), true));
  reset_peak_memory(bot);
  std::atomic<int> next{0}, failed{0}, sent{0};
  double peak = memory_mb(bot, "VmHWM");
  std::int64_t start = mono_ns();
  std::int64_t stop_at = start + static_cast<std::int64_t>(limit_s * 1e9);
  std::vector<std::thread> senders;
  for (int c = 0; c < connections; ++c) {
    senders.emplace_back([&] {
      auto client = webhook_client(http_port);
      for (int i = next++; i < alerts && mono_ns() < stop_at; i = next++) {
        if (!post_alert(*client, bodies[i])) ++failed;
        ++sent;
      }
    });
  }
  for (auto& t : senders) t.join();
  std::int64_t elapsed = mono_ns() - start;
  out.sent = sent;
  out.failed = failed;
  out.alerts_per_s = (out.sent - out.failed) / (ns_to_ms(elapsed) / 1000.0);
  // The storm goes on inside the bot after the last 2xx (announcements, pages): the peak covers
  // the next two seconds too.
  std::this_thread::sleep_for(2s);
  out.peak_rss_mb = std::max(peak, memory_mb(bot, "VmHWM"));
  return out;
}

big_body_figures measure_big_body(int http_port, int alerts) {
  big_body_figures out;
  std::string body = big_group_body(alerts, std::to_string(mono_ns() % 1'000'000));
  out.bytes = body.size();
  auto client = webhook_client(http_port);
  std::int64_t t0 = mono_ns();
  if (post_alert(*client, body)) out.ms = ns_to_ms(mono_ns() - t0);
  return out;
}

}  // namespace oncall::bench
