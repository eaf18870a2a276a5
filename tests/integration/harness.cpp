// Starting and talking to chatsim, oncallbot and Alertmanager for the integration tests.
#include "harness.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "bot/core/time.hpp"
#include "chat_view.hpp"

namespace oncall::testing {

namespace {

const char* test_token = "test-secret-token";

std::string now_minus(std::chrono::seconds s) {
  auto now = std::chrono::time_point_cast<oncall::duration>(std::chrono::system_clock::now());
  return oncall::format_iso8601(now - s);
}

}  // namespace

scratch_dir::scratch_dir(const std::string& name) : path_(make_temp_dir("oncallbot-" + name)) {}

scratch_dir::~scratch_dir() {
  const char* keep = std::getenv("ONCALLBOT_KEEP_TEST_DIRS");
  if (!keep || std::string(keep) != "1") remove_tree(path_);
}

bool has_alertmanager() { return std::filesystem::exists("/usr/bin/prometheus-alertmanager"); }

chatsim::chatsim(const std::string& dir, const std::vector<std::string>& extra_args) {
  std::string port_file = dir + "/chatsim.port";
  std::vector<std::string> argv = {CHATSIM_BINARY, "--port", "0", "--port-file", port_file};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  proc_ = child_process(argv, dir + "/chatsim.log");
  if (!eventually([&] { return !read_file(port_file).empty(); })) {
    throw std::runtime_error("chatsim did not start: " + proc_.log());
  }
  port_ = std::stoi(read_file(port_file));
  client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
  client_->set_read_timeout(30, 0);
}

std::string chatsim::api_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/api/"; }

json chatsim::get(const std::string& path) {
  auto res = client_->Get(path.c_str());
  if (!res) throw std::runtime_error("chatsim GET " + path + " failed");
  return json::parse(res->body, nullptr, false);
}

json chatsim::post(const std::string& path, const json& body) {
  auto res = client_->Post(path.c_str(), body.dump(), "application/json");
  if (!res) throw std::runtime_error("chatsim POST " + path + " failed");
  return json::parse(res->body, nullptr, false);
}

void chatsim::del(const std::string& path) { client_->Delete(path.c_str()); }

json chatsim::messages(const std::string& channel) {
  return get("/_sim/channels/" + channel + "/messages").value("messages", json::array());
}

json chatsim::bot_messages(const std::string& channel) {
  json out = json::array();
  for (const auto& m : messages(channel)) {
    if (m.value("user", "") == "U0BOT") out.push_back(m);
  }
  return out;
}

json chatsim::ephemeral(const std::string& channel) {
  return get("/_sim/channels/" + channel + "/messages").value("ephemeral", json::array());
}

json chatsim::command(const std::string& user, const std::string& channel, const std::string& text,
                      int wait_ms) {
  return post("/_sim/slack/command", {{"user", user}, {"channel", channel}, {"text", text},
                                      {"command", "/oncall"}, {"wait_ms", wait_ms}});
}

json chatsim::click(const std::string& user, const std::string& channel,
                    const std::string& message_ts, const std::string& action_id, int wait_ms) {
  return post("/_sim/slack/click", {{"user", user}, {"channel", channel}, {"message_ts", message_ts},
                                    {"action_id", action_id}, {"wait_ms", wait_ms}});
}

std::string chatsim::transcript() {
  auto res = client_->Get("/_sim/transcript");
  return res ? res->body : std::string{};
}

bot::bot(const std::string& dir, const chatsim& sim, const chat_view& chat, bot_options options)
    : dir_(dir), chat_(chat), config_path_(dir + "/oncallbot.yaml"), db_path_(dir + "/oncallbot.db"),
      http_port_(free_port()) {
  (void)sim;
  rewrite_config(options);
}

void bot::rewrite_config(const bot_options& options) {
  const chat_view& chat = chat_;
  std::string policies = options.policy_yaml.empty() ? R"(escalation_policies:
  - name: default
    levels:
      - {notify: ["schedule:primary"], after: 5m}
      - {notify: ["person:bob"], after: 10m}
)" : options.policy_yaml;
  std::string schedules = options.schedules_yaml.empty() ? R"(schedules:
  - name: primary
    timezone: UTC
    start: 2026-01-05T09:00:00Z
    shift: 7d
    members: [alice]
)" : options.schedules_yaml;
  std::string people = "people:\n";
  for (const char* name : {"alice", "bob", "carol"}) {
    auto roles = options.people_roles.find(name);
    people += std::string("  - {name: ") + name + ", " + chat.person_yaml(name) +
              (roles == options.people_roles.end() ? std::string{} : ", roles: " + roles->second) + "}\n";
  }
  write_file(config_path_, chat.chat_yaml() +
                               "http:\n"
                               "  listen: 127.0.0.1:" + std::to_string(http_port_) + "\n"
                               "  webhook_tokens: [\"" + test_token + "\"]\n"
                               "storage: sqlite:" + db_path_ + "\n"
                               "log: {level: debug}\n" +
                               people + schedules + policies +
                               "routes:\n"
                               "  - policy: default\n" +
                               options.extra_yaml);
}

bot::~bot() { proc_.terminate(std::chrono::seconds(5)); }

void bot::start() {
  ++starts_;
  proc_ = child_process({ONCALLBOT_BINARY, "run", "--config", config_path_},
                        dir_ + "/oncallbot.log");
}

bool bot::wait_ready(std::chrono::milliseconds timeout) {
  httplib::Client c("127.0.0.1", http_port_);
  c.set_connection_timeout(0, 200'000);
  return eventually([&] {
    auto res = c.Get("/readyz");
    return res && res->status == 200;
  }, timeout);
}

std::string bot::webhook_url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(http_port_) + path;
}

httplib::Result bot::post(const std::string& path, const std::string& body,
                          const std::string& content_type, const std::string& token) {
  httplib::Client c("127.0.0.1", http_port_);
  c.set_read_timeout(30, 0);
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  return c.Post(path.c_str(), headers, body, content_type.c_str());
}

httplib::Result bot::raw_post(const std::string& path, const std::string& body,
                              const std::string& content_type, const httplib::Headers& headers) {
  httplib::Client c("127.0.0.1", http_port_);
  c.set_read_timeout(30, 0);
  return c.Post(path.c_str(), headers, body, content_type.c_str());
}

bool bot::announcement_stored(int id) {
  SQLite::Database db(db_path_, SQLite::OPEN_READONLY);
  db.setBusyTimeout(2000);
  SQLite::Statement st(db, "SELECT message_ref FROM incidents WHERE id = ?");
  st.bind(1, id);
  return st.executeStep() && !st.getColumn(0).getString().empty();
}

std::int64_t bot::count(const std::string& table) {
  SQLite::Database db(db_path_, SQLite::OPEN_READONLY);
  db.setBusyTimeout(2000);
  return db.execAndGet("SELECT COUNT(*) FROM " + table).getInt64();
}

std::vector<std::string> bot::timeline(int incident_id, const std::string& kind) {
  SQLite::Database db(db_path_, SQLite::OPEN_READONLY);
  db.setBusyTimeout(2000);
  SQLite::Statement st(db, "SELECT text FROM timeline WHERE incident_id = ? AND kind = ? ORDER BY id");
  st.bind(1, incident_id);
  st.bind(2, kind);
  std::vector<std::string> out;
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

alertmanager::alertmanager(const std::string& dir, const std::string& webhook_url)
    : port_(free_port()) {
  std::string config = dir + "/alertmanager.yml";
  write_file(config, "route:\n"
                     "  receiver: oncallbot\n"
                     "  group_by: [alertname, cluster]\n"
                     "  group_wait: 1s\n"
                     "  group_interval: 1s\n"
                     "  repeat_interval: 1h\n"
                     "receivers:\n"
                     "  - name: oncallbot\n"
                     "    webhook_configs:\n"
                     "      - url: " + webhook_url + "\n"
                     "        send_resolved: true\n"
                     "        http_config:\n"
                     "          authorization: {type: Bearer, credentials: " + test_token + "}\n");
  std::filesystem::create_directories(dir + "/am-data");
  proc_ = child_process({"/usr/bin/prometheus-alertmanager", "--config.file=" + config,
                         "--storage.path=" + dir + "/am-data",
                         "--web.listen-address=127.0.0.1:" + std::to_string(port_),
                         "--cluster.listen-address=", "--log.level=warn"},
                        dir + "/alertmanager.log");
  httplib::Client c("127.0.0.1", port_);
  if (!eventually([&] {
        auto res = c.Get("/-/ready");
        return res && res->status == 200;
      }, std::chrono::seconds(20))) {
    throw std::runtime_error("alertmanager did not become ready: " + proc_.log());
  }
}

void alertmanager::send(const json& alert) {
  httplib::Client c("127.0.0.1", port_);
  auto res = c.Post("/api/v2/alerts", json::array({alert}).dump(), "application/json");
  if (!res || res->status != 200) {
    throw std::runtime_error("alertmanager refused the alert: " + (res ? res->body : std::string("no answer")));
  }
}

void alertmanager::fire(const json& labels, const json& annotations) {
  send({{"labels", labels}, {"annotations", annotations},
        {"generatorURL", "http://127.0.0.1:9090/graph?g0.expr=up"}});
}

void alertmanager::resolve(const json& labels, const json& annotations) {
  send({{"labels", labels}, {"annotations", annotations}, {"startsAt", now_minus(std::chrono::seconds(60))},
        {"endsAt", now_minus(std::chrono::seconds(1))}});
}

}  // namespace oncall::testing
