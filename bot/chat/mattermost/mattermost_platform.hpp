// The Mattermost adapter: the websocket API for events (authentication challenge, hello,
// sequence numbers, resumption), REST v4 for everything the bot says, and the bot's own HTTP
// endpoints for slash commands and button clicks.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <memory>
#include <random>

#include "bot/chat/chat_platform.hpp"
#include "bot/chat/mattermost/mattermost_api.hpp"
#include "bot/chat/mattermost/mattermost_render.hpp"
#include "bot/net/backoff.hpp"
#include "config/config.hpp"

namespace oncall {

class websocket_client;

class mattermost_platform final : public chat_platform {
 public:
  mattermost_platform(boost::asio::any_io_executor executor, http_client& http,
                      const mattermost_config& cfg, const std::string& public_url);
  ~mattermost_platform() override;

  boost::asio::awaitable<void> run(chat_events& events) override;
  void stop() override;
  bool connected() const override { return connected_; }
  // Counts API calls, 429s and websocket reconnects from now on (the registry outlives us).
  void set_metrics(bot_metrics& metrics) {
    metrics_ = &metrics;
    api_.set_metrics(metrics);
  }

  std::vector<std::string> http_paths() const override;
  boost::asio::awaitable<outbound_http> handle_http(const inbound_http& request, chat_events& events) override;

  boost::asio::awaitable<post_result> post(const std::string& channel, const outbound_message& m,
                                           const std::string& thread_ref) override;
  boost::asio::awaitable<post_result> update(const std::string& channel, const std::string& ref,
                                             const outbound_message& m) override;
  boost::asio::awaitable<post_result> post_direct(const std::string& user,
                                                  const outbound_message& m) override;
  boost::asio::awaitable<post_result> post_ephemeral(const std::string& channel, const std::string& user,
                                                     const outbound_message& m) override;
  // POST /files (multipart), then a post with its file id (mattermost_upload.cpp).
  boost::asio::awaitable<post_result> upload_file(const std::string& channel,
                                                  const std::string& thread_ref,
                                                  const file_upload& file) override;
  // Dedicated incident channels: POST /channels and POST /channels/{id}/members (mattermost_rooms.cpp).
  boost::asio::awaitable<post_result> create_channel(const std::string& name,
                                                     const std::string& purpose) override;
  boost::asio::awaitable<post_result> invite(const std::string& channel,
                                             const std::vector<std::string>& users) override;

 private:
  boost::asio::awaitable<std::string> read_socket(websocket_client& ws, chat_events& events);
  // Posts, edits, deletions and :pushpin: reactions into incident timelines
  // (mattermost_backfill.cpp), and after a new session each open incident's thread read back.
  boost::asio::awaitable<void> handle_room_event(const nlohmann::json& frame, chat_events& events);
  boost::asio::awaitable<void> backfill(chat_events& events);
  // The posts of a room after a gap: the thread's replies, or a dedicated channel's posts.
  boost::asio::awaitable<std::optional<std::vector<nlohmann::json>>> read_room(const room_ref& room);
  boost::asio::awaitable<void> keep_alive(std::shared_ptr<websocket_client> ws);
  boost::asio::awaitable<outbound_http> handle_command(const inbound_http& request, chat_events& events);
  boost::asio::awaitable<outbound_http> handle_action(const inbound_http& request, chat_events& events);
  boost::asio::awaitable<void> sleep(duration d);
  std::string websocket_url() const;
  post_result to_post_result(const mattermost_result& r) const;

  boost::asio::any_io_executor executor_;
  mattermost_config cfg_;
  mattermost_api api_;
  mattermost_actions actions_;
  backoff backoff_{duration{250}, duration{30'000}};
  std::mt19937_64 rng_{std::random_device{}()};
  std::shared_ptr<websocket_client> current_;
  bool connected_ = false;
  bool stopping_ = false;
  std::string connection_id_;  // for resumption
  std::int64_t next_seq_ = 0;  // the next event sequence number expected
  int request_seq_ = 0;
  int auth_seq_ = 0;
  std::uint64_t clicks_ = 0;
  bot_metrics* metrics_ = nullptr;
  bool socket_opened_before_ = false;  // later openings count as reconnects
  void count_socket_opened() {
    if (socket_opened_before_ && metrics_) metrics_->websocket_reconnects.add();
    socket_opened_before_ = true;
  }
};

}  // namespace oncall
