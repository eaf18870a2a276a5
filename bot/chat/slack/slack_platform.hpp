// The Slack adapter: Socket Mode for events, commands and clicks; the Web API for everything
// oncallbot says. Envelopes are acked only after chat_events has committed their effect.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <memory>
#include <random>
#include <set>

#include "bot/chat/chat_platform.hpp"
#include "bot/chat/slack/slack_web_api.hpp"
#include "bot/net/backoff.hpp"
#include "config/config.hpp"

namespace oncall {

class websocket_client;

class slack_platform final : public chat_platform {
 public:
  slack_platform(boost::asio::any_io_executor executor, http_client& http, const slack_config& cfg);
  ~slack_platform() override;

  boost::asio::awaitable<void> run(chat_events& events) override;
  void stop() override;
  bool connected() const override { return connected_; }
  // Counts API calls, 429s and websocket reconnects from now on (the registry outlives us).
  void set_metrics(bot_metrics& metrics) {
    metrics_ = &metrics;
    api_.set_metrics(metrics);
  }
  duration post_interval() const override { return duration{1000}; }
  // HTTP mode: slash commands and clicks POSTed by Slack (slack_http_endpoints.cpp).
  std::vector<std::string> http_paths() const override;
  boost::asio::awaitable<outbound_http> handle_http(const inbound_http& request,
                                                    chat_events& events) override;

  boost::asio::awaitable<post_result> post(const std::string& channel, const outbound_message& m,
                                           const std::string& thread_ref) override;
  boost::asio::awaitable<post_result> update(const std::string& channel, const std::string& ref,
                                             const outbound_message& m) override;
  boost::asio::awaitable<post_result> post_direct(const std::string& user,
                                                  const outbound_message& m) override;
  boost::asio::awaitable<post_result> post_ephemeral(const std::string& channel,
                                                     const std::string& user,
                                                     const outbound_message& m) override;
  // files.getUploadURLExternal, the bytes to upload_url, files.completeUploadExternal
  // (slack_upload.cpp).
  boost::asio::awaitable<post_result> upload_file(const std::string& channel,
                                                  const std::string& thread_ref,
                                                  const file_upload& file) override;
  // Dedicated incident channels: conversations.create and conversations.invite (slack_rooms.cpp).
  boost::asio::awaitable<post_result> create_channel(const std::string& name,
                                                     const std::string& purpose) override;
  boost::asio::awaitable<post_result> invite(const std::string& channel,
                                             const std::vector<std::string>& users) override;

 private:
  // auth.test: checks the bot token and learns the bot's own user id.
  boost::asio::awaitable<bool> identify();
  boost::asio::awaitable<std::shared_ptr<websocket_client>> open_socket();
  // Reads one socket until it closes or Slack asks for a refresh; returns the reason.
  boost::asio::awaitable<std::string> read_socket(std::shared_ptr<websocket_client> ws, chat_events& events);
  boost::asio::awaitable<void> drain_socket(std::shared_ptr<websocket_client> ws, chat_events& events);
  void handle_envelope(websocket_client& ws, const struct socket_frame& frame, chat_events& events);
  // Message and reaction events into incident timelines; false when the commit failed (then
  // the envelope is not acked, and Slack delivers it again).
  bool handle_room_event(const nlohmann::json& payload, chat_events& events);
  // After a gap (start, lost socket): reads each open incident's thread back with
  // conversations.replies and hands it to the timeline (slack_backfill.cpp).
  boost::asio::awaitable<void> backfill(chat_events& events);
  boost::asio::awaitable<std::optional<std::vector<room_message>>> read_thread(const room_ref& room);
  boost::asio::awaitable<std::optional<std::vector<room_message>>> read_channel(const room_ref& room);
  boost::asio::awaitable<void> sleep(duration d);
  post_result to_post_result(const slack_api_result& r) const;
  boost::asio::awaitable<outbound_http> handle_http_command(const inbound_http& request, chat_events& events);
  boost::asio::awaitable<outbound_http> handle_http_action(const inbound_http& request, chat_events& events);
  // Answers a click with a message only the clicker sees, after the click's commit.
  void reply_to_click(const inbound_click& click, const outbound_message& m);

  boost::asio::any_io_executor executor_;
  slack_web_api api_;
  std::string signing_secret_;
  backoff backoff_{duration{250}, duration{30'000}};
  std::mt19937_64 rng_{std::random_device{}()};
  std::shared_ptr<websocket_client> current_;
  bool connected_ = false;
  std::string bot_user_id_;
  std::string bot_id_;  // auth.test's bot_id: the bot's own messages carry it
  bool gap_ = true;     // events may have been missed: back-fill at the next hello
  bool stopping_ = false;
  std::set<std::string> seen_events_;  // event_id de-duplication within this process
  bot_metrics* metrics_ = nullptr;
  bool socket_opened_before_ = false;  // later openings count as reconnects
  void count_socket_opened() {
    if (socket_opened_before_ && metrics_) metrics_->websocket_reconnects.add();
    socket_opened_before_ = true;
  }
};

}  // namespace oncall
