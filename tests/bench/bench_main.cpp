// oncallbot_bench: runs every benchmark scenario against chatsim on loopback with the real
// oncallbot binary and the Bolt peer, one after the other (never both at once), prints one
// table and optionally writes docs/benchmarks.md. scripts/bench runs it with full counts; the
// ctest smoke test (label bench) with tiny ones.
#include <CLI/CLI.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <thread>

#include "bench_clock.hpp"
#include "bench_machine.hpp"
#include "bench_report.hpp"
#include "bench_scenarios.hpp"

namespace oncall::bench {

namespace {

using namespace std::chrono_literals;

struct counts {
  int samples = 300;           // timed slash commands and announcements
  int warmup = 30;             // untimed ones before them
  int burst = 1000;            // slash envelopes sent at once
  int storm = 10000;           // alerts in the storm
  int storm_connections = 4;   // concurrent keep-alive connections sending it
  int big_alerts = 10000;      // alerts in the one big Alertmanager body
  double storm_seconds = 60;   // the storm stops sending after this long (keeps the run short)
};

// What one subject (oncallbot or the peer) showed in the chat scenarios.
struct chat_figures {
  std::optional<double> startup_ms, idle_mb, loaded_mb, burst_ms;
  slash_latency slash;
  announce_latency announce;
};

std::optional<double> positive(double v) { return v >= 0 ? std::optional<double>(v) : std::nullopt; }

void log_step(const std::string& what) { std::cerr << "bench: " << what << std::endl; }

// Startup, idle memory, commands, burst, memory after them, announcements.
template <typename Subject, typename WebhookPort>
chat_figures run_chat_scenarios(sim_process& sim, Subject& subject, WebhookPort webhook_port,
                                const counts& n) {
  chat_figures f;
  subject.start();
  f.startup_ms = positive(wait_connected(sim, subject));
  if (!f.startup_ms) throw std::runtime_error("never connected to chatsim; see " + subject.log());
  if (!testing::eventually([&] { return webhook_port() > 0; }, 20s)) {
    throw std::runtime_error("webhook port never opened: " + subject.log());
  }
  std::this_thread::sleep_for(1s);  // settle: whatever runs once after connecting
  f.idle_mb = positive(memory_mb(subject.pid()));
  f.slash = measure_slash_commands(sim, n.samples, n.warmup);
  f.burst_ms = measure_slash_burst(sim, n.burst);
  f.loaded_mb = positive(memory_mb(subject.pid()));
  f.announce = measure_announcements(sim, webhook_port(), n.samples, n.warmup);
  return f;
}

chat_figures bot_chat(const bench_paths& paths, const counts& n) {
  std::string dir = paths.work_dir + "/chat-oncallbot";
  std::filesystem::create_directories(dir);
  sim_process sim(paths, dir, false);
  create_lane_channels(sim, n.samples + n.warmup);
  bot_process bot(paths, dir, sim, n.samples + n.warmup);
  int port = bot.http_port();
  auto ready = [&] {  // the HTTP port is open once /readyz answers at all
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(0, 200'000);
    return c.Get("/readyz") ? port : 0;
  };
  return run_chat_scenarios(sim, bot, ready, n);
}

chat_figures peer_chat(const bench_paths& paths, const counts& n) {
  std::string dir = paths.work_dir + "/chat-peer";
  std::filesystem::create_directories(dir);
  sim_process sim(paths, dir, false);
  create_lane_channels(sim, n.samples + n.warmup);
  peer_process peer(paths, dir, sim);
  return run_chat_scenarios(sim, peer, [&] { return peer.http_port(); }, n);
}

// A fresh bot for each ingest scenario; chatsim's rate limits stay on, as in production.
template <typename Scenario>
auto with_fresh_bot(const bench_paths& paths, const std::string& name, Scenario scenario) {
  std::string dir = paths.work_dir + "/" + name;
  std::filesystem::create_directories(dir);
  sim_process sim(paths, dir, true);
  bot_process bot(paths, dir, sim);
  bot.start();
  if (wait_connected(sim, bot) < 0) throw std::runtime_error("oncallbot did not connect: " + bot.log());
  std::this_thread::sleep_for(500ms);
  return scenario(bot);
}

struct postmortem_figures {
  std::optional<double> ms, rss_mb;
};

// Runs bench_postmortem_export (when built) and reads "postmortem_export_md_ms=… rss_mb=…".
postmortem_figures run_postmortem_bench(const std::string& binary) {
  postmortem_figures out;
  if (binary.empty() || !std::filesystem::exists(binary)) return out;
  std::string output = run_and_capture(binary);
  std::smatch m;
  if (std::regex_search(output, m, std::regex(R"(postmortem_export_md_ms=([0-9.]+))"))) out.ms = std::stod(m[1]);
  if (std::regex_search(output, m, std::regex(R"(rss_mb=([0-9.]+))"))) out.rss_mb = std::stod(m[1]);
  return out;
}

std::string number_mb(std::size_t bytes) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f MB", static_cast<double>(bytes) / 1e6);  // as HTTP sizes go
  return buffer;
}

std::optional<double> p(const std::vector<double>& samples, double pct) { return percentile(samples, pct); }

target below(double v, std::optional<double> peer_factor = std::nullopt) {
  return {target::kind::below, v, peer_factor};
}
target peer_only(double factor) { return {target::kind::none, 0, factor}; }

std::string storm_note(const storm_figures& storm, const counts& n) {
  std::string note;
  if (storm.sent < n.storm) {
    note += " (time limit: " + std::to_string(storm.sent) + " of " + std::to_string(n.storm) + " sent)";
  }
  if (storm.failed) note += " (" + std::to_string(storm.failed) + " not 2xx)";
  return note;
}

std::string missed_note(int missed) {
  return missed ? " (" + std::to_string(missed) + " unanswered)" : "";
}

std::vector<result_row> rows_for(const chat_figures& bot, const std::optional<chat_figures>& peer,
                                 const storm_figures& storm, const big_body_figures& big,
                                 const postmortem_figures& pm, const counts& n) {
  auto peer_of = [&](auto pick) -> std::optional<double> {
    return peer ? pick(*peer) : std::nullopt;
  };
  std::vector<result_row> rows;
  rows.push_back({"slash envelope → ack p50", "ms", p(bot.slash.ack_ms, 50),
                  peer_of([](const chat_figures& f) { return p(f.slash.ack_ms, 50); }), below(0.2),
                  missed_note(bot.slash.unanswered)});
  rows.push_back({"slash envelope → ack p99", "ms", p(bot.slash.ack_ms, 99),
                  peer_of([](const chat_figures& f) { return p(f.slash.ack_ms, 99); }), peer_only(3), ""});
  rows.push_back({"slash envelope → reply posted p50", "ms", p(bot.slash.reply_ms, 50),
                  peer_of([](const chat_figures& f) { return p(f.slash.reply_ms, 50); }), below(0.4), ""});
  rows.push_back({"slash envelope → reply posted p99", "ms", p(bot.slash.reply_ms, 99),
                  peer_of([](const chat_figures& f) { return p(f.slash.reply_ms, 99); }), peer_only(3), ""});
  rows.push_back({"Alertmanager webhook → announcement p50", "ms", p(bot.announce.ms, 50),
                  peer_of([](const chat_figures& f) { return p(f.announce.ms, 50); }), below(0.5),
                  missed_note(bot.announce.missed)});
  rows.push_back({"Alertmanager webhook → announcement p99", "ms", p(bot.announce.ms, 99),
                  peer_of([](const chat_figures& f) { return p(f.announce.ms, 99); }), {}, ""});
  rows.push_back({"burst of " + std::to_string(n.burst) + " slash envelopes fully answered", "ms",
                  bot.burst_ms, peer_of([](const chat_figures& f) { return f.burst_ms; }),
                  below(100, 10), ""});
  rows.push_back({"storm: alerts accepted and committed", "alerts/s", storm.alerts_per_s > 0 ? std::optional<double>(storm.alerts_per_s) : std::nullopt,
                  std::nullopt, {target::kind::at_least, 5000, std::nullopt},
                  storm_note(storm, n)});
  rows.push_back({"Alertmanager body of " + std::to_string(n.big_alerts) + " alerts (" +
                      number_mb(big.bytes) + ") handled", "ms", positive(big.ms), std::nullopt, below(200), ""});
  rows.push_back({"idle RSS", "MB", bot.idle_mb, peer_of([](const chat_figures& f) { return f.idle_mb; }), below(15), ""});
  rows.push_back({"RSS after " + std::to_string(n.samples + n.warmup + n.burst) + " commands", "MB", bot.loaded_mb,
                  peer_of([](const chat_figures& f) { return f.loaded_mb; }), below(20), ""});
  rows.push_back({"peak RSS through a " + std::to_string(storm.sent) + "-alert storm", "MB",
                  positive(storm.peak_rss_mb), std::nullopt, below(64),
                  storm.sent < n.storm ? " (of " + std::to_string(n.storm) + " planned)" : ""});
  rows.push_back({"startup to connected", "ms", bot.startup_ms,
                  peer_of([](const chat_figures& f) { return f.startup_ms; }), below(50), ""});
  result_row export_row{"postmortem export of 50,000 entries (Markdown)", "ms", pm.ms, std::nullopt, {},
                        pm.rss_mb ? " (RSS " + std::to_string(static_cast<int>(*pm.rss_mb + 0.5)) + " MB)" : ""};
  export_row.optional = true;
  rows.push_back(export_row);
  return rows;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"oncallbot benchmark: oncallbot and a Bolt peer against chatsim on loopback"};
  bench_paths paths;
  counts n;
  std::string postmortem_bench, markdown_path, commit = "unknown";
  bool no_peer = false;
  app.add_option("--oncallbot", paths.oncallbot, "the oncallbot binary")->required();
  app.add_option("--chatsim", paths.chatsim, "the chatsim binary")->required();
  app.add_option("--node", paths.node, "node, to run the peer");
  app.add_option("--peer-dir", paths.peer_dir, "tests/bench/peer, with node_modules installed");
  app.add_flag("--no-peer", no_peer, "measure oncallbot only");
  app.add_option("--postmortem-bench", postmortem_bench, "bench_postmortem_export, if built");
  app.add_option("--work-dir", paths.work_dir, "scratch directory (default: a fresh one in $TMPDIR)");
  app.add_option("--samples", n.samples, "timed slash commands and announcements per subject");
  app.add_option("--warmup", n.warmup, "untimed ones before them");
  app.add_option("--burst", n.burst, "slash envelopes sent at once");
  app.add_option("--storm", n.storm, "alerts in the storm");
  app.add_option("--storm-connections", n.storm_connections, "connections sending the storm");
  app.add_option("--storm-seconds", n.storm_seconds, "stop sending the storm after this long");
  app.add_option("--big-alerts", n.big_alerts, "alerts in the big Alertmanager body");
  app.add_option("--markdown", markdown_path, "also write the report (docs/benchmarks.md) here");
  app.add_option("--commit", commit, "the commit measured, for the report");
  CLI11_PARSE(app, argc, argv);
  bool with_peer = !no_peer && !paths.node.empty() && !paths.peer_dir.empty();
  bool own_dir = paths.work_dir.empty();
  if (own_dir) paths.work_dir = testing::make_temp_dir("oncallbot-bench");

  log_step("oncallbot: startup, commands, burst, announcements");
  chat_figures bot = bot_chat(paths, n);
  std::optional<chat_figures> peer;
  if (with_peer) {
    log_step("peer: startup, commands, burst, announcements");
    peer = peer_chat(paths, n);
  }
  log_step("oncallbot: storm of " + std::to_string(n.storm) + " alerts");
  auto storm = with_fresh_bot(paths, "storm", [&](bot_process& b) {
    return measure_storm(b.http_port(), b.pid(), n.storm, n.storm_connections, n.storm_seconds);
  });
  log_step("oncallbot: one body of " + std::to_string(n.big_alerts) + " alerts");
  auto big = with_fresh_bot(paths, "big-body", [&](bot_process& b) { return measure_big_body(b.http_port(), n.big_alerts); });
  log_step("postmortem export");
  auto pm = run_postmortem_bench(postmortem_bench);

  auto rows = rows_for(bot, peer, storm, big, pm, n);
  std::string table = markdown_table(rows);
  std::cout << table << std::flush;
  if (!markdown_path.empty()) {
    std::ofstream(markdown_path) << benchmarks_document(table, describe_machine(), commit, n.samples, n.warmup);
  }
  if (own_dir) testing::remove_tree(paths.work_dir);
  auto missing = missing_figures(rows);
  for (const auto& m : missing) std::cerr << "bench: no figure for: " << m << "\n";
  return missing.empty() ? 0 : 1;
}

}  // namespace oncall::bench

int main(int argc, char** argv) {
  try {
    return oncall::bench::run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "bench: " << e.what() << "\n";
    return 2;
  }
}
