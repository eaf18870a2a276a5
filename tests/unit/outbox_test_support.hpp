// A scripted chat platform and an outbox wired to the real engine, for outbox tests.
#pragma once

#include <boost/asio/io_context.hpp>
#include <set>

#include "bot/chat/message_codec.hpp"
#include "bot/chat/outbox.hpp"
#include "handler_test_support.hpp"

namespace oncall::test {

namespace asio = boost::asio;

struct upload_call {
  std::string channel, thread_ref;
  file_upload file;
};

// Answers uploads from a script of failures (then success), and channel creation with names
// it says are taken; records every call.
class scripted_platform final : public chat_platform {
 public:
  int failures_left = 0;
  std::vector<upload_call> uploads;
  std::vector<std::string> posts;
  std::vector<std::string> posted_to;  // the channel of each post, in order
  std::set<std::string> taken_names;
  bool refuse_channels = false;  // create_channel fails with restricted_action
  std::vector<std::string> created;
  std::vector<std::string> invited;

  asio::awaitable<void> run(chat_events&) override { co_return; }
  void stop() override {}
  bool connected() const override { return true; }
  asio::awaitable<post_result> post(const std::string& channel, const outbound_message& m,
                                    const std::string&) override {
    posts.push_back(plain_text(m));
    posted_to.push_back(channel);
    co_return post_result{true, channel, "1700000001." + std::to_string(100000 + posts.size())};
  }
  asio::awaitable<post_result> update(const std::string& channel, const std::string& ref,
                                      const outbound_message&) override {
    co_return post_result{true, channel, ref};
  }
  asio::awaitable<post_result> post_direct(const std::string& user, const outbound_message&) override {
    co_return post_result{true, user, "1"};
  }
  asio::awaitable<post_result> post_ephemeral(const std::string& channel, const std::string&,
                                              const outbound_message&) override {
    co_return post_result{true, channel, "1"};
  }
  asio::awaitable<post_result> upload_file(const std::string& channel, const std::string& thread_ref,
                                           const file_upload& file) override {
    uploads.push_back({channel, thread_ref, file});
    if (failures_left > 0) {
      --failures_left;
      // A Retry-After of a millisecond keeps the test fast; the retry path is the same.
      co_return post_result{false, {}, {}, "ratelimited", duration{1}, false};
    }
    co_return post_result{true, channel, "F0001"};
  }
  asio::awaitable<post_result> create_channel(const std::string& name, const std::string&) override {
    created.push_back(name);
    if (refuse_channels) co_return post_result{false, {}, {}, "restricted_action", {}, true};
    if (taken_names.count(name)) co_return post_result{false, {}, {}, "name_taken", {}, true};
    co_return post_result{true, "C0ROOM", {}};
  }
  asio::awaitable<post_result> invite(const std::string& channel, const std::vector<std::string>& users) override {
    invited.insert(invited.end(), users.begin(), users.end());
    co_return post_result{true, channel, {}};
  }
};

struct outbox_fixture : handler_fixture {
  explicit outbox_fixture(config c = demo_config()) : handler_fixture(std::move(c)) {
    engine.on_effects([this] { box.kick(); });
  }

  asio::io_context io;
  scripted_platform chat;
  http_client http{io.get_executor()};
  outbox box{io.get_executor(), engine, chat, http};

  void drain() {
    box.kick();
    io.run();
    io.restart();
  }
};

}  // namespace oncall::test
