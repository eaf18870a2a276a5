// The integration test world: a chatsim, the real oncallbot binary configured against it, and
// optionally a real Alertmanager, each on a free loopback port in a scratch directory.
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "process.hpp"

namespace oncall::testing {

using nlohmann::json;
class chat_view;

// chatsim's control API (tests/chatsim/README.md).
class chatsim {
 public:
  explicit chatsim(const std::string& dir, const std::vector<std::string>& extra_args = {});
  int port() const { return port_; }
  std::string api_url() const;

  json get(const std::string& path);
  json post(const std::string& path, const json& body);
  void del(const std::string& path);

  // The channel's top-level and thread messages, oldest first.
  json messages(const std::string& channel);
  // Messages sent by the bot (top level and in threads).
  json bot_messages(const std::string& channel);
  json ephemeral(const std::string& channel);
  // Types `/oncall <text>` as `user`; waits for the ack and returns chatsim's answer.
  json command(const std::string& user, const std::string& channel, const std::string& text,
               int wait_ms = 5000);
  json click(const std::string& user, const std::string& channel, const std::string& message_ts,
             const std::string& action_id, int wait_ms = 5000);
  std::string transcript();
  child_process& process() { return proc_; }

 private:
  child_process proc_;
  int port_ = 0;
  std::unique_ptr<httplib::Client> client_;
};

struct bot_options {
  std::string extra_yaml;  // appended to the generated config
  std::string policy_yaml;  // replaces the default escalation_policies section when set
  std::string schedules_yaml;  // replaces the default schedules section when set
  // people[].roles by person (alice, bob, carol), as a YAML list: {{"alice", "[operator]"}}.
  std::map<std::string, std::string> people_roles;
};

class bot {
 public:
  bot(const std::string& dir, const chatsim& sim, const chat_view& chat, bot_options options = {});
  ~bot();

  void start();
  void kill9() { proc_.kill9(); }
  int terminate() { return proc_.terminate(); }
  void pause() { proc_.pause(); }
  void resume() { proc_.resume(); }
  // Writes the config file afresh from `options` (same ports, storage and chat), for reloads.
  void rewrite_config(const bot_options& options);
  void reload() { proc_.hangup(); }
  bool wait_ready(std::chrono::milliseconds timeout = std::chrono::seconds(15));

  int http_port() const { return http_port_; }
  std::string webhook_url(const std::string& path) const;
  httplib::Result post(const std::string& path, const std::string& body,
                       const std::string& content_type = "application/json",
                       const std::string& token = "test-secret-token");
  // A POST with exactly these headers (for requests that imitate the chat server).
  httplib::Result raw_post(const std::string& path, const std::string& body, const std::string& content_type,
                           const httplib::Headers& headers);
  // Whether the bot has stored the chat ref of incident `id`'s announcement (a kill after this
  // point cannot repeat the announcement).
  bool announcement_stored(int id);
  // Row count of a storage table, read from the bot's SQLite file.
  std::int64_t count(const std::string& table);
  // Timeline texts of one incident, of one kind, oldest first.
  std::vector<std::string> timeline(int incident_id, const std::string& kind);
  std::string config_path() const { return config_path_; }
  std::string log() const { return proc_.log(); }

 private:
  std::string dir_;
  const chat_view& chat_;
  std::string config_path_;
  std::string db_path_;
  int http_port_ = 0;
  child_process proc_;
  int starts_ = 0;
};

class alertmanager {
 public:
  alertmanager(const std::string& dir, const std::string& webhook_url);
  // Posts one alert through Alertmanager's API; `resolved` sets endsAt in the past.
  void fire(const json& labels, const json& annotations);
  void resolve(const json& labels, const json& annotations);
  int port() const { return port_; }

 private:
  void send(const json& alert);
  child_process proc_;
  int port_ = 0;
};

// A scratch directory removed at the end of the test (kept when the test failed: set
// ONCALLBOT_KEEP_TEST_DIRS=1 to keep always).
class scratch_dir {
 public:
  explicit scratch_dir(const std::string& name);
  ~scratch_dir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool has_alertmanager();

}  // namespace oncall::testing
