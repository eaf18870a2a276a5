// Effect execution against the chat platform.
#include "bot/chat/outbox.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/chat/message_codec.hpp"
#include "bot/chat/room_file_codec.hpp"
#include "bot/core/room_name.hpp"
#include "bot/net/backoff.hpp"
#include "bot/notify/notifier_client.hpp"

namespace oncall {

namespace asio = boost::asio;

namespace {
// A permanent platform error (channel_not_found, …) is retried a few times in case the config
// or the workspace is being fixed, then given up with an error in the log.
constexpr int max_permanent_failures = 5;
// An upload is best effort: after this many failed attempts of any kind (about half a minute
// of backoff) the room is told, and the lane moves on.
constexpr int max_upload_failures = 6;
// Creating a dedicated channel holds up the announcement (same lane): after this many failed
// attempts (a few seconds), or at once when the platform refuses for good, the thread becomes
// the room instead.
constexpr int max_room_failures = 4;
// How many numbered names (inc-4-db-down-2 … -9) to try when the name is taken.
constexpr int max_room_name_attempts = 9;

struct room_request {
  std::string name;
  std::vector<std::string> people;
  std::string purpose;
  bool at_page = true;
};

room_request stored_room_request(const effect& e) {
  auto j = nlohmann::json::parse(e.payload, nullptr, false);
  room_request r;
  if (!j.is_object()) return r;
  r.name = j.value("name", "");
  r.purpose = j.value("purpose", "");
  r.at_page = j.value("at_page", true);
  for (const auto& p : j.value("people", nlohmann::json::array())) {
    if (p.is_string()) r.people.push_back(p.get<std::string>());
  }
  return r;
}

std::optional<outbound_message> stored_message(const effect& e, post_result& failure) {
  try {
    return message_from_json(e.payload);
  } catch (const std::exception& ex) {
    failure = post_result{false, {}, {}, std::string("bad stored message: ") + ex.what(), {}, true};
    return std::nullopt;
  }
}

// "storm:3" → 3 (the summary of alert storm 3); 0 for other subjects.
std::int64_t storm_subject(const std::string& subject) {
  const std::string prefix = "storm:";
  if (subject.rfind(prefix, 0) != 0) return 0;
  try {
    return std::stoll(subject.substr(prefix.size()));
  } catch (const std::exception&) {
    return 0;
  }
}

// "handover:12" → 12; 0 for other subjects.
std::int64_t handover_subject(const std::string& subject) {
  const std::string prefix = "handover:";
  if (subject.rfind(prefix, 0) != 0) return 0;
  try {
    return std::stoll(subject.substr(prefix.size()));
  } catch (const std::exception&) {
    return 0;
  }
}

}  // namespace

outbox::outbox(asio::any_io_executor executor, incident_engine& engine, chat_platform& chat,
               http_client& http)
    : executor_(executor), engine_(engine), chat_(chat), http_(http) {}

void outbox::kick() {
  if (stopping_) return;
  for (const auto& lane : engine_.storage().pending_lanes()) {
    if (busy_.insert(lane).second) asio::co_spawn(executor_, drain(lane), asio::detached);
  }
}

asio::awaitable<void> outbox::sleep(duration d) {
  asio::steady_timer timer(executor_, d);
  co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

std::optional<effect> outbox::next_in_lane(const std::string& lane) {
  return engine_.storage().next_pending_effect(lane);
}

asio::awaitable<void> outbox::drain(std::string lane) {
  backoff retry{duration{500}, duration{30'000}};
  int permanent_failures = 0;
  int failures = 0;
  while (!stopping_) {
    auto e = next_in_lane(lane);
    if (!e) break;
    auto r = co_await carry_out(*e);
    if (!r.ok) ++failures;
    const bool upload_given_up = (e->kind == effect_kind::upload && failures >= max_upload_failures) ||
                                 (e->kind == effect_kind::open_room && (r.permanent || failures >= max_room_failures));
    if (r.ok || upload_given_up || (r.permanent && ++permanent_failures >= max_permanent_failures)) {
      if (!r.ok) {
        spdlog::error("chat: giving up on {} for incident #{} in {}: {}", to_string(e->kind),
                      e->incident_id, lane, r.error);
      }
      finish(*e, r);
      retry.reset();
      permanent_failures = r.ok ? 0 : permanent_failures;
      failures = 0;
      continue;
    }
    auto delay = r.retry_after ? *r.retry_after : retry.next(rng_);
    spdlog::warn("chat: {} for incident #{} failed ({}); retrying in {}", to_string(e->kind),
                 e->incident_id, r.error, format_duration(delay));
    co_await sleep(delay);
  }
  busy_.erase(lane);
  // Effects may have arrived for this lane between the last look and now.
  if (!stopping_ && next_in_lane(lane)) kick();
}

void outbox::finish(const effect& e, const post_result& r) {
  auto& st = engine_.storage();
  st.transaction([&] {
    if (r.ok && e.kind == effect_kind::announce) {
      // Read fresh: the incident may have changed while the post was in flight.
      if (auto inc = st.find_incident(e.incident_id)) {
        inc->channel = r.channel;
        inc->message_ref = r.ref;
        st.update_incident(*inc);
      }
    }
    if (r.ok && e.kind == effect_kind::channel_post) {
      if (auto h = st.find_handover(handover_subject(e.subject))) {
        h->channel = r.channel;
        h->message_ref = r.ref;
        st.update_handover(*h);
      }
    }
    if (r.ok && e.kind == effect_kind::channel_post && storm_subject(e.subject)) {
      auto s = st.find_storm(storm_subject(e.subject));
      if (s && s->message_ref.empty()) {
        s->message_channel = r.channel;
        s->message_ref = r.ref;
        st.update_storm(*s);
      }
    }
    if (e.kind == effect_kind::notify) record_notifier_outcome(e, r);
    if (e.kind == effect_kind::upload && !r.ok) engine_.upload_failed(e.incident_id, e.subject, r.error);
    if (e.kind == effect_kind::open_room) {
      auto request = stored_room_request(e);
      if (r.ok) {
        engine_.room_opened({e.incident_id, r.channel, r.ref}, request.at_page);
      } else {
        engine_.room_failed(e.incident_id, request.name, r.error);
      }
    }
    // Older pending updates of the same message were superseded when this one was enqueued;
    // one enqueued while this was in flight shows newer state and still goes out.
    st.complete_effect(e.id, engine_.now());
  });
}

asio::awaitable<void> outbox::pace(const std::string& lane) {
  co_await take_token(buckets_[lane], chat_.post_interval(), 3);
}

asio::awaitable<void> outbox::pace_update(const std::string& lane) {
  co_await take_token(update_buckets_[lane], update_interval, 1);
}

asio::awaitable<void> outbox::take_token(bucket& b, duration interval, double burst) {
  if (interval.count() <= 0) co_return;
  auto refill = [&] {
    auto now = std::chrono::steady_clock::now();
    b.tokens = std::min(burst, b.tokens + std::chrono::duration<double>(now - b.refilled) /
                                              std::chrono::duration<double>(interval));
    b.refilled = now;
  };
  refill();
  if (b.tokens < 1) {
    co_await sleep(duration{static_cast<long long>((1 - b.tokens) * interval.count()) + 1});
    refill();
  }
  b.tokens -= 1;
}

asio::awaitable<post_result> outbox::carry_out(const effect& e) {
  post_result failure;
  switch (e.kind) {
    case effect_kind::announce:
    case effect_kind::sync:
    case effect_kind::thread_post:
      co_return co_await carry_out_for_incident(e);
    case effect_kind::channel_post: {
      if (storm_subject(e.subject)) co_return co_await carry_out_storm(e, storm_subject(e.subject));
      auto m = stored_message(e, failure);
      if (!m) co_return failure;
      co_await pace(e.channel);
      co_return co_await chat_.post(e.channel, *m, "");
    }
    case effect_kind::direct_message: {
      auto m = stored_message(e, failure);
      if (!m) co_return failure;
      co_await pace(e.channel);
      co_return co_await chat_.post_direct(e.subject, *m);
    }
    case effect_kind::notify:
      co_return co_await call_notifier(e);
    case effect_kind::upload:
      co_return co_await upload_to_room(e);
    case effect_kind::open_room:
      co_return co_await open_room(e);
  }
  co_return post_result{false, {}, {}, "unknown effect kind", {}, true};
}

asio::awaitable<post_result> outbox::carry_out_for_incident(const effect& e) {
  auto inc = engine_.find(e.incident_id);
  if (!inc) co_return post_result{false, {}, {}, "incident vanished", {}, true};
  // With a dedicated channel the announcement and the room's posts go there, top level.
  const auto room = engine_.room_of(inc->id);
  if (e.kind == effect_kind::announce) {
    if (!inc->message_ref.empty()) co_return post_result{true, inc->channel, inc->message_ref};
    const std::string target = room ? room->channel : e.channel;
    co_await pace(e.channel);
    co_return co_await chat_.post(target, engine_.announcement(*inc), "");
  }
  if (e.kind == effect_kind::sync) {
    if (inc->message_ref.empty()) co_return post_result{true};  // nothing announced to update
    co_await pace_update(e.channel);
    co_return co_await chat_.update(inc->channel, inc->message_ref, engine_.announcement(*inc));
  }
  post_result failure;
  auto m = stored_message(e, failure);
  if (!m) co_return failure;
  const auto& channel = inc->channel.empty() ? e.channel : inc->channel;
  co_await pace(e.channel);
  if (room) co_return co_await chat_.post(room->channel, *m, "");
  co_return co_await chat_.post(channel, *m, inc->message_ref);
}

asio::awaitable<post_result> outbox::open_room(const effect& e) {
  if (auto room = engine_.room_of(e.incident_id)) co_return post_result{true, room->channel, room->name};
  auto request = stored_room_request(e);
  if (request.name.empty()) co_return post_result{false, {}, {}, "bad stored room request", {}, true};
  post_result made;
  std::string name = request.name;
  for (int attempt = 0; attempt < max_room_name_attempts; ++attempt) {
    if (attempt > 0) name = incident_room_name_retry(request.name, attempt);
    made = co_await chat_.create_channel(name, request.purpose);
    if (made.ok || made.error != "name_taken") break;
  }
  if (!made.ok) co_return made;
  // The channel exists: from here on it counts as made, so a failed invitation is logged
  // (people can join by hand) rather than retried, which would create a second channel.
  auto invited = co_await chat_.invite(made.channel, request.people);
  if (!invited.ok) spdlog::warn("chat: invitations to #{} failed: {}", name, invited.error);
  co_return post_result{true, made.channel, name};
}

asio::awaitable<post_result> outbox::upload_to_room(const effect& e) {
  auto inc = engine_.find(e.incident_id);
  if (!inc) co_return post_result{false, {}, {}, "incident vanished", {}, true};
  // Not announced yet: the announcement (another lane) comes first; try again shortly.
  const auto room = engine_.room_of(inc->id);
  if (inc->channel.empty() && !room) {
    co_return post_result{false, {}, {}, "the incident room is not there yet", {}, false};
  }
  room_file f;
  try {
    f = room_file_from_json(e.payload);
  } catch (const std::exception& ex) {
    co_return post_result{false, {}, {}, std::string("bad stored file: ") + ex.what(), {}, true};
  }
  const std::string channel = room ? room->channel : inc->channel;
  const std::string thread = room ? std::string{} : inc->message_ref;
  // A named value, not a braced temporary in the co_await's arguments (GCC 12 frees it twice).
  const file_upload upload{f.filename, f.title, f.content, f.comment};
  co_return co_await chat_.upload_file(channel, thread, upload);
}

// A storm's summary is posted once, then updated in place with the incidents as they are now.
asio::awaitable<post_result> outbox::carry_out_storm(const effect& e, std::int64_t storm_id) {
  auto s = engine_.storage().find_storm(storm_id);
  if (!s) co_return post_result{false, {}, {}, "storm vanished", {}, true};
  auto summary = engine_.storm_summary(storm_id);
  if (s->message_ref.empty()) {
    co_await pace(e.channel);
    co_return co_await chat_.post(e.channel, summary, "");
  }
  co_await pace_update(e.channel);
  co_return co_await chat_.update(s->message_channel, s->message_ref, summary);
}

asio::awaitable<post_result> outbox::call_notifier(const effect& e) {
  const notifier* n = nullptr;
  for (const auto& candidate : engine_.cfg().notifiers) {
    if (candidate.name == e.subject) n = &candidate;
  }
  if (!n) {
    co_return post_result{false, {}, {}, "notifier " + e.subject + " is no longer configured", {}, true};
  }
  co_return co_await deliver_notification(http_, *n, e.payload);
}

void outbox::record_notifier_outcome(const effect& e, const post_result& r) {
  const std::string text = r.ok ? "notifier " + e.subject + " accepted the page"
                                : "notifier " + e.subject + " failed, given up: " + r.error;
  engine_.note(e.incident_id, "notify", "oncallbot", text);
}

}  // namespace oncall
