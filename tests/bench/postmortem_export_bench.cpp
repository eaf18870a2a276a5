// Benchmark of the postmortem export (issue 6): one incident with 50,000 timeline entries in a
// temporary SQLite store, rendered as Markdown and as JSON the way `oncallbot export` does
// (read from the store, assemble, render). Prints one machine-readable line per format:
//   postmortem_export_md_ms=123 rss_mb=45
//   postmortem_export_json_ms=98 rss_mb=40
// Targets: under 1 s and under 100 MB each. rss_mb is the process's peak resident set while
// that format was rendered (the peak is reset before each, where Linux allows it).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "bot/report/postmortem.hpp"
#include "bot/store/sqlite_store.hpp"

using namespace oncall;

namespace {

constexpr int entry_count = 50'000;

time_point start_time() { return from_millis(1'764'853'200'000); }  // 2025-12-04T13:00:00Z

// Peak resident set (VmHWM) in MB; 0 when /proc is not there.
double peak_rss_mb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  }
  return 0;
}

// Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+).
void reset_peak_rss() { std::ofstream("/proc/self/clear_refs") << "5"; }

std::string message_text(int i) {
  // A realistic mix: short chatter, a longer paste now and then, mentions and Markdown to escape.
  if (i % 100 == 0) return "stack trace: " + std::string(2000, 'x');
  if (i % 7 == 0) return "<@U0ALICE> can you check *pool* size? p99 > 2s & climbing (" + std::to_string(i) + ")";
  return "update " + std::to_string(i) + ": error rate at " + std::to_string(i % 50) + "% 🔥";
}

std::int64_t fill(sqlite_store& st) {
  std::int64_t id = 0;
  st.transaction([&] {
    incident inc;
    inc.key = "bench:checkout";
    inc.title = "Checkout errors in EU";
    inc.source = "generic";
    inc.opened_at = start_time();
    inc.acked_at = start_time() + std::chrono::minutes(3);
    inc.acked_by = "alice";
    inc.lead = "bob";
    inc.cause = root_cause::deploy;
    inc.cause_text = "v42 dropped the pool size";
    id = st.insert_incident(inc);
    alert a;
    a.fingerprint = "f1";
    a.title = "HighErrorRate";
    a.links = {{"runbook", "https://wiki.example/runbooks/checkout"}};
    st.upsert_alert(id, a, start_time());
    const char* people[] = {"alice", "bob", "carol", "dave"};
    for (int i = 0; i < entry_count; ++i) {
      timeline_entry e;
      e.incident_id = id;
      e.at = start_time() + std::chrono::seconds(i);
      e.kind = i % 10 == 0 ? "note" : "message";
      e.author = people[i % 4];
      e.text = message_text(i);
      e.ref = e.kind == "message" ? "m" + std::to_string(i) : "";
      e.key_event = i % 1000 == 0;
      st.append_timeline(e);
    }
    for (int i = 0; i < 5; ++i) {
      followup f;
      f.incident_id = id;
      f.text = "follow-up " + std::to_string(i);
      f.owner = people[i % 4];
      f.created_by = "bob";
      f.created_at = start_time() + std::chrono::hours(1);
      st.insert_followup(f);
    }
  });
  return id;
}

void measure(const char* name, store& st, const config& cfg, std::int64_t id, postmortem_format format) {
  reset_peak_rss();
  auto t0 = std::chrono::steady_clock::now();
  auto out = render_postmortem(st, cfg, id, format, start_time() + std::chrono::hours(20));
  auto t1 = std::chrono::steady_clock::now();
  if (!out) {
    std::fprintf(stderr, "bench_postmortem_export: %s\n", out.err().message.c_str());
    std::exit(1);
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t1 - t0).count();
  std::printf("postmortem_export_%s_ms=%lld rss_mb=%.0f bytes=%zu\n", name, static_cast<long long>(ms),
              peak_rss_mb(), out->size());
}

}  // namespace

int main() {
  char dir_template[] = "/tmp/oncallbot-bench-pm-XXXXXX";
  const char* dir = mkdtemp(dir_template);
  if (!dir) {
    std::perror("bench_postmortem_export: mkdtemp");
    return 1;
  }
  const std::string path = std::string(dir) + "/bench.db";
  int rc = 0;
  try {
    std::int64_t id = 0;
    {
      sqlite_store st(path);
      id = fill(st);
    }
    // A fresh handle, as `oncallbot export` opens the store: nothing cached from the fill.
    sqlite_store st(path);
    config cfg;
    cfg.postmortems.timezone = "Europe/Berlin";
    std::printf("postmortem_export_entries=%d\n", entry_count);
    measure("md", st, cfg, id, postmortem_format::markdown);
    measure("json", st, cfg, id, postmortem_format::json);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_postmortem_export: %s\n", e.what());
    rc = 1;
  }
  std::filesystem::remove_all(dir);
  return rc;
}
