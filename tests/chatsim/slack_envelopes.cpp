// Role: implementation of envelope delivery, acks and timeout-driven redelivery.
#include "slack_envelopes.hpp"

#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "log.hpp"
#include "timestamps.hpp"

namespace chatsim {
namespace {

namespace asio = boost::asio;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

// Slack retries events three times; commands and clicks are retried longer here because the
// bot's restart tests need a command to survive a kill -9 and a restart.
int max_retries(const std::string& type) { return type == "events_api" ? 3 : 10; }

}  // namespace

nlohmann::json envelope_record::summary() const {
  return {{"envelope_id", envelope_ids.front()},
          {"envelope_ids", envelope_ids},
          {"type", type},
          {"trigger_id", trigger_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(trigger_id)},
          {"acked", acked},
          {"ack_payload", ack_payload},
          {"deliveries", deliveries},
          {"retry_attempt", retry_attempt},
          {"abandoned", abandoned},
          {"sent_mono_ns", sent_mono_ns},
          {"acked_mono_ns", acked_mono_ns}};
}

envelope_hub::envelope_hub(asio::any_io_executor executor, sim_stats& stats, id_source& ids,
                           std::chrono::milliseconds ack_timeout)
    : executor_(std::move(executor)), stats_(stats), ids_(ids), ack_timeout_(ack_timeout) {}

std::shared_ptr<envelope_record> envelope_hub::submit(std::string type, nlohmann::json payload,
                                                      bool accepts_response_payload,
                                                      std::string trigger_id, ack_hook on_ack) {
  auto record = std::make_shared<envelope_record>();
  record->type = std::move(type);
  record->payload = std::move(payload);
  record->accepts_response_payload = accepts_response_payload;
  record->trigger_id = std::move(trigger_id);
  record->on_ack = std::move(on_ack);
  record->envelope_ids.push_back(ids_.uuid());
  records_.push_back(record);
  by_id_[record->current_id()] = record;
  if (!record->trigger_id.empty()) by_id_[record->trigger_id] = record;
  deliver(record);
  return record;
}

void envelope_hub::attach(std::shared_ptr<envelope_sink> sink) {
  sinks_.push_back(std::move(sink));
  auto queued = std::move(waiting_);
  waiting_.clear();
  for (const auto& record : queued) deliver(record);
}

void envelope_hub::detach(const envelope_sink* sink) {
  std::erase_if(sinks_, [sink](const auto& s) { return s.get() == sink; });
}

envelope_sink* envelope_hub::pick_sink() {
  if (sinks_.empty()) return nullptr;
  // Round robin over the sockets not told to go away; fall back to those if they are all.
  for (bool allow_draining : {false, true}) {
    for (std::size_t i = 0; i < sinks_.size(); ++i) {
      auto& sink = sinks_[(next_sink_ + i) % sinks_.size()];
      if (!allow_draining && sink->draining()) continue;
      next_sink_ = (next_sink_ + i + 1) % sinks_.size();
      return sink.get();
    }
  }
  return nullptr;
}

void envelope_hub::deliver(const std::shared_ptr<envelope_record>& record) {
  envelope_sink* sink = pick_sink();
  if (!sink) {
    waiting_.push_back(record);
    return;
  }
  auto frame = frame_for(*record);
  record->sent_mono_ns = monotonic_nanos();
  sink->send_frame(std::move(frame));
  ++record->deliveries;
  ++stats_.envelopes_sent;
  asio::co_spawn(executor_, watch_deadline(record, record->current_id()),
                 log_failure("ack deadline"));
}

std::string envelope_hub::frame_for(const envelope_record& record) const {
  nlohmann::json frame{{"envelope_id", record.current_id()},
                       {"payload", record.payload},
                       {"type", record.type},
                       {"accepts_response_payload", record.accepts_response_payload}};
  if (record.type == "events_api") {
    frame["retry_attempt"] = record.retry_attempt;
    frame["retry_reason"] = record.retry_attempt == 0 ? "" : "timeout";
  }
  return frame.dump();
}

asio::awaitable<void> envelope_hub::watch_deadline(std::shared_ptr<envelope_record> record,
                                                   std::string envelope_id) {
  asio::steady_timer timer(executor_, ack_timeout_);
  co_await timer.async_wait(tuple_awaitable);
  if (record->acked || record->current_id() != envelope_id) co_return;
  redeliver(record);
}

void envelope_hub::redeliver(const std::shared_ptr<envelope_record>& record) {
  if (record->retry_attempt >= max_retries(record->type)) {
    record->abandoned = true;
    ++stats_.envelopes_abandoned;
    log_line("envelope " + record->envelope_ids.front() + " (" + record->type +
             ") never acked; giving up");
    return;
  }
  ++record->retry_attempt;
  ++stats_.redeliveries;
  record->envelope_ids.push_back(ids_.uuid());
  by_id_[record->current_id()] = record;
  deliver(record);
}

void envelope_hub::acknowledge(const std::string& envelope_id, const nlohmann::json& payload) {
  auto it = by_id_.find(envelope_id);
  if (it == by_id_.end() || it->second->trigger_id == envelope_id) {
    ++stats_.bad_acks;
    log_line("ack for unknown envelope " + envelope_id);
    return;
  }
  auto record = it->second;
  if (record->acked) {
    ++stats_.duplicate_acks;
    return;
  }
  record->acked = true;
  record->acked_mono_ns = monotonic_nanos();
  record->ack_payload = payload.is_object() ? payload : nlohmann::json(nullptr);
  ++stats_.envelopes_acked;
  std::erase(waiting_, record);
  for (auto& waiter : record->waiters) waiter->cancel();
  record->waiters.clear();
  if (record->on_ack) record->on_ack(*record);
}

std::shared_ptr<envelope_record> envelope_hub::find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

asio::awaitable<void> envelope_hub::wait_for_ack(std::shared_ptr<envelope_record> record,
                                                 std::chrono::milliseconds limit) {
  if (record->acked || limit.count() <= 0) co_return;
  auto timer = std::make_shared<asio::steady_timer>(executor_, limit);
  record->waiters.push_back(timer);
  co_await timer->async_wait(tuple_awaitable);
  std::erase(record->waiters, timer);
}

}  // namespace chatsim
