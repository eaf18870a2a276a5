// Role: starting chatsim, oncallbot and the peer for the benchmark, and reading /proc memory.
#include "bench_world.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "bench_clock.hpp"

namespace oncall::bench {

using testing::eventually;
using testing::read_file;
using testing::write_file;

sim_process::sim_process(const bench_paths& paths, const std::string& dir, bool rate_limits) {
  std::string port_file = dir + "/chatsim.port";
  proc_ = testing::child_process({paths.chatsim, "--port", "0", "--port-file", port_file,
                                  "--rate-limit", rate_limits ? "on" : "off"},
                                 dir + "/chatsim.log");
  if (!eventually([&] { return !read_file(port_file).empty(); })) {
    throw std::runtime_error("chatsim did not start: " + proc_.log());
  }
  port_ = std::stoi(read_file(port_file));
  client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
  client_->set_read_timeout(60, 0);
  client_->set_keep_alive(true);
  client_->set_tcp_nodelay(true);  // else Nagle and delayed ACKs add 40 ms to each control call
}

std::string sim_process::api_url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/api/";
}

json sim_process::get(const std::string& path) {
  auto res = client_->Get(path.c_str());
  if (!res) throw std::runtime_error("chatsim GET " + path + " failed");
  return json::parse(res->body);
}

json sim_process::post(const std::string& path, const json& body) {
  auto res = client_->Post(path.c_str(), body.dump(), "application/json");
  if (!res) throw std::runtime_error("chatsim POST " + path + " failed");
  return json::parse(res->body);
}

std::int64_t sim_process::last_hello_ns() {
  return get("/_sim/stats").value("last_hello_mono_ns", std::int64_t{0});
}

std::int64_t sim_process::api_calls(const std::string& method) {
  return get("/_sim/stats")["api_calls"].value(method, std::int64_t{0});
}

// ---- oncallbot

namespace {

// One person on call (alice), everyone reachable, one route: what `/oncall who` and an
// Alertmanager page need, nothing else.
std::string lane_routes(int lanes) {
  std::string out;
  for (int k = 0; k < lanes; ++k) {
    out += "  - {match: {bench_lane: \"" + std::to_string(k) + "\"}, policy: default, channel: \"#" +
           lane_channel(k) + "\"}\n";
  }
  return out;
}

std::string bot_config(const std::string& dir, const std::string& api_url, int http_port, int lanes) {
  return "chat:\n"
         "  platform: slack\n"
         "  alerts_channel: \"#alerts\"\n"
         "  slack:\n"
         "    app_token: xapp-sim-app\n"
         "    bot_token: xoxb-sim-bot\n"
         "    api_url: " + api_url + "\n"
         "http:\n"
         "  listen: 127.0.0.1:" + std::to_string(http_port) + "\n"
         "  webhook_tokens: [\"" + webhook_token + "\"]\n"
         "storage: sqlite:" + dir + "/oncallbot.db\n"
         "people:\n"
         "  - {name: alice, slack: U0ALICE}\n"
         "  - {name: bob, slack: U0BOB}\n"
         "  - {name: carol, slack: U0CAROL}\n"
         "schedules:\n"
         "  - name: primary\n"
         "    timezone: UTC\n"
         "    start: 2026-01-05T09:00:00Z\n"
         "    shift: 7d\n"
         "    members: [alice]\n"
         "escalation_policies:\n"
         "  - name: default\n"
         "    levels:\n"
         "      - {notify: [\"schedule:primary\"], after: 5m}\n"
         "      - {notify: [\"person:bob\"], after: 10m}\n"
         "routes:\n" + lane_routes(lanes) +
         "  - policy: default\n";
}

}  // namespace

std::string lane_channel(int lane) { return "bench-" + std::to_string(lane); }

void create_lane_channels(sim_process& sim, int lanes) {
  for (int k = 0; k < lanes; ++k) sim.post("/_sim/channels", {{"name", lane_channel(k)}});
}

bot_process::bot_process(const bench_paths& paths, const std::string& dir, const sim_process& sim,
                         int lanes)
    : paths_(paths), dir_(dir), http_port_(testing::free_port()) {
  write_file(dir_ + "/oncallbot.yaml", bot_config(dir_, sim.api_url(), http_port_, lanes));
}

bot_process::~bot_process() { proc_.terminate(std::chrono::seconds(5)); }

void bot_process::start() {
  started_ns_ = mono_ns();
  proc_ = testing::child_process({paths_.oncallbot, "run", "--config", dir_ + "/oncallbot.yaml"},
                                 dir_ + "/oncallbot.log");
}

// ---- the Bolt peer

peer_process::peer_process(const bench_paths& paths, const std::string& dir, const sim_process& sim)
    : paths_(paths), dir_(dir), api_url_(sim.api_url()) {}

peer_process::~peer_process() { proc_.terminate(std::chrono::seconds(5)); }

void peer_process::start() {
  std::map<std::string, std::string> env = {
      {"SLACK_API_URL", api_url_},         {"SLACK_BOT_TOKEN", "xoxb-sim-bot"},
      {"SLACK_APP_TOKEN", "xapp-sim-app"}, {"PEER_PORT_FILE", dir_ + "/peer.port"},
      {"ANNOUNCE_CHANNEL", "C0ALERTS"},    {"NODE_ENV", "production"}};
  started_ns_ = mono_ns();
  proc_ = testing::child_process({paths_.node, paths_.peer_dir + "/peer.js"}, dir_ + "/peer.log", env);
}

int peer_process::http_port() {
  if (http_port_ == 0) {
    auto text = read_file(dir_ + "/peer.port");
    if (!text.empty()) http_port_ = std::stoi(text);
  }
  return http_port_;
}

// ---- shared

double wait_connected(sim_process& sim, const measured_process& p, int timeout_ms) {
  std::int64_t deadline = mono_ns() + std::int64_t{timeout_ms} * 1'000'000;
  while (mono_ns() < deadline) {
    std::int64_t hello = sim.last_hello_ns();
    if (hello > p.started_ns()) return ns_to_ms(hello - p.started_ns());
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return -1;
}

double memory_mb(pid_t pid, const char* field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  std::string prefix = std::string(field) + ":";
  while (std::getline(status, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    std::istringstream in(line.substr(prefix.size()));
    double kb = 0;
    in >> kb;
    return kb / 1024.0;
  }
  return -1;
}

bool reset_peak_memory(pid_t pid) {
  std::ofstream clear("/proc/" + std::to_string(pid) + "/clear_refs");
  clear << "5";
  clear.flush();
  return static_cast<bool>(clear);
}

}  // namespace oncall::bench
