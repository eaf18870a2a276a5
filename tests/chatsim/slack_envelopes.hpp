// Role: Socket Mode envelope delivery: one open socket per envelope (round robin, avoiding
// sockets told to go away), a queue while none is open, ack bookkeeping, and redelivery under a
// new envelope id when the ack deadline passes.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "ids.hpp"
#include "stats.hpp"

namespace chatsim {

// An open Socket Mode connection as the hub sees it.
class envelope_sink {
 public:
  virtual ~envelope_sink() = default;
  virtual void send_frame(std::string text) = 0;
  virtual bool draining() const = 0;  // told to disconnect: used only when no other socket is open
};

struct envelope_record {
  std::string type;  // events_api, slash_commands, interactive
  nlohmann::json payload;
  bool accepts_response_payload = false;
  std::string trigger_id;                 // slash_commands and interactive
  std::vector<std::string> envelope_ids;  // one per delivery attempt; the first is the original
  int retry_attempt = 0;
  int deliveries = 0;  // frames actually handed to a socket
  bool acked = false;
  bool abandoned = false;
  nlohmann::json ack_payload;  // null unless the ack carried one
  std::int64_t sent_mono_ns = 0;   // the latest delivery handed to a socket (monotonic_nanos)
  std::int64_t acked_mono_ns = 0;  // when the ack was read; 0 until then
  std::function<void(const envelope_record&)> on_ack;
  std::vector<std::shared_ptr<boost::asio::steady_timer>> waiters;

  const std::string& current_id() const { return envelope_ids.back(); }
  nlohmann::json summary() const;
};

class envelope_hub {
 public:
  using ack_hook = std::function<void(const envelope_record&)>;

  envelope_hub(boost::asio::any_io_executor executor, sim_stats& stats, id_source& ids,
               std::chrono::milliseconds ack_timeout);

  std::shared_ptr<envelope_record> submit(std::string type, nlohmann::json payload,
                                          bool accepts_response_payload,
                                          std::string trigger_id = {}, ack_hook on_ack = {});
  void attach(std::shared_ptr<envelope_sink> sink);  // after its hello; flushes the queue
  void detach(const envelope_sink* sink);
  void acknowledge(const std::string& envelope_id, const nlohmann::json& payload);

  // By any of its envelope ids or its trigger id.
  std::shared_ptr<envelope_record> find(const std::string& id) const;
  const std::vector<std::shared_ptr<envelope_record>>& all() const { return records_; }
  // Completes when the envelope is acked or `limit` has passed, whichever is first.
  boost::asio::awaitable<void> wait_for_ack(std::shared_ptr<envelope_record> record,
                                            std::chrono::milliseconds limit);

 private:
  void deliver(const std::shared_ptr<envelope_record>& record);
  envelope_sink* pick_sink();
  std::string frame_for(const envelope_record& record) const;
  boost::asio::awaitable<void> watch_deadline(std::shared_ptr<envelope_record> record,
                                              std::string envelope_id);
  void redeliver(const std::shared_ptr<envelope_record>& record);

  boost::asio::any_io_executor executor_;
  sim_stats& stats_;
  id_source& ids_;
  std::chrono::milliseconds ack_timeout_;
  std::vector<std::shared_ptr<envelope_sink>> sinks_;
  std::size_t next_sink_ = 0;
  std::vector<std::shared_ptr<envelope_record>> waiting_;  // no socket was open
  std::vector<std::shared_ptr<envelope_record>> records_;
  std::map<std::string, std::shared_ptr<envelope_record>> by_id_;
};

}  // namespace chatsim
