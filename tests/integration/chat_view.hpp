// What a test needs of the chat, whatever the platform: who the people are, what the bot said,
// and how a person types a command or clicks a button. One test body runs on both platforms
// through these views (TEMPLATE_TEST_CASE with slack_world / mattermost_world).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness.hpp"

namespace oncall::testing {

struct chat_message {
  std::string ref;     // Slack ts / Mattermost post id
  std::string thread;  // parent ref for replies, empty for top-level messages
  std::string text;    // everything visible: text, blocks or attachments
  json raw;
  bool top_level() const { return thread.empty(); }
};

struct chat_answer {
  bool answered = false;  // Slack: envelope acked; Mattermost: HTTP 200 from the bot
  std::string reply;      // what the person sees in answer
  json raw;
};

class chat_view {
 public:
  explicit chat_view(chatsim& sim) : sim_(sim) {}
  virtual ~chat_view() = default;
  virtual std::string name() const = 0;
  // The chat section of the bot's config.
  virtual std::string chat_yaml() const = 0;
  // people[] entries' chat key for a person: "slack: U0ALICE" / "mattermost: alice".
  virtual std::string person_yaml(const std::string& person) const = 0;
  // How the bot's messages mention a person.
  virtual std::string mention(const std::string& person) const = 0;
  virtual void connect_bot(bot& b) { (void)b; }
  virtual std::vector<chat_message> bot_messages(const std::string& channel) = 0;
  // What the bot sent `person` in direct messages, oldest first; empty before the first DM.
  virtual std::vector<chat_message> direct_messages(const std::string& person) = 0;
  // The bot's DM channel with `person`, as command() and click() take a channel; "" before the
  // first DM.
  virtual std::string dm_channel(const std::string& person) = 0;
  virtual chat_answer command(const std::string& person, const std::string& channel, const std::string& text) = 0;
  virtual chat_answer click(const std::string& person, const std::string& channel, const std::string& ref,
                            const std::string& action_id) = 0;
  virtual bool has_button(const chat_message& m, const std::string& action_id) const = 0;
  // Calls of the platform's "post a message" API so far.
  virtual int post_calls() = 0;
  // Makes the platform swallow "post a message" calls (no answer, no effect) until cleared.
  virtual void hang_posts() = 0;
  void clear_faults() { sim_.del("/_sim/faults"); }
  virtual void drop_sockets() = 0;
  virtual int connections_opened() = 0;

  std::vector<chat_message> top_level(const std::string& channel);
  std::vector<chat_message> replies(const std::string& channel, const std::string& ref);

 protected:
  chatsim& sim_;
};

// The signing secret the Slack view configures, for tests that play Slack's HTTP mode.
inline constexpr const char* slack_signing_secret = "sim-signing-secret";

class slack_view final : public chat_view {
 public:
  using chat_view::chat_view;
  std::string name() const override { return "slack"; }
  std::string chat_yaml() const override;
  std::string person_yaml(const std::string& person) const override;
  std::string mention(const std::string& person) const override;
  std::vector<chat_message> bot_messages(const std::string& channel) override;
  std::vector<chat_message> direct_messages(const std::string& person) override;
  std::string dm_channel(const std::string& person) override;
  chat_answer command(const std::string& person, const std::string& channel, const std::string& text) override;
  chat_answer click(const std::string& person, const std::string& channel, const std::string& ref,
                    const std::string& action_id) override;
  bool has_button(const chat_message& m, const std::string& action_id) const override;
  int post_calls() override;
  void hang_posts() override;
  void drop_sockets() override;
  int connections_opened() override;
};

class mattermost_view final : public chat_view {
 public:
  using chat_view::chat_view;
  std::string name() const override { return "mattermost"; }
  std::string chat_yaml() const override;
  std::string person_yaml(const std::string& person) const override;
  std::string mention(const std::string& person) const override;
  void connect_bot(bot& b) override;
  std::vector<chat_message> bot_messages(const std::string& channel) override;
  std::vector<chat_message> direct_messages(const std::string& person) override;
  std::string dm_channel(const std::string& person) override;
  chat_answer command(const std::string& person, const std::string& channel, const std::string& text) override;
  chat_answer click(const std::string& person, const std::string& channel, const std::string& ref,
                    const std::string& action_id) override;
  bool has_button(const chat_message& m, const std::string& action_id) const override;
  int post_calls() override;
  void hang_posts() override;
  void drop_sockets() override;
  int connections_opened() override;
};

// A chatsim, a view of one platform and a bot configured for it, in a scratch directory.
template <typename View>
struct world {
  explicit world(const std::string& test, const std::vector<std::string>& sim_args = {},
                 bot_options options = {})
      : dir(test), sim(dir.path(), sim_args), chat(sim), b(dir.path(), sim, chat, std::move(options)) {}
  scratch_dir dir;
  chatsim sim;
  View chat;
  bot b;
  // Starts the bot and waits until it is connected to chat.
  void start() {
    b.start();
    chat.connect_bot(b);
  }
};

struct slack_world : world<slack_view> {
  using world::world;
};
struct mattermost_world : world<mattermost_view> {
  using world::world;
};

}  // namespace oncall::testing
