// `oncallbot run`: wires storage, engine, chat adapter, outbox, HTTP server and timers onto one
// io_context thread, and shuts them down cleanly on SIGINT/SIGTERM; SIGHUP reloads the config.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <future>
#include <iostream>

#include "bot/chat/mattermost/mattermost_platform.hpp"
#include "bot/chat/outbox.hpp"
#include "bot/chat/slack/slack_platform.hpp"
#include "bot/commands.hpp"
#include "bot/engine/handover_engine.hpp"
#include "bot/http/server.hpp"
#include "bot/logging.hpp"
#include "bot/net/http_client.hpp"
#include "bot/ops/backup_timer.hpp"
#include "bot/ops/config_reloader.hpp"
#include "bot/ops/storage_lock.hpp"
#include "bot/runbook/runbook_service.hpp"
#include "bot/store/sqlite_store.hpp"
#include "bot/tracker/tracker_service.hpp"
#include "config/loader.hpp"
#include "handlers/chat_bridge.hpp"

namespace oncall {

namespace asio = boost::asio;

namespace {

// Runs `f` on the engine thread and waits for its result (for cpp-httplib's threads).
template <typename F>
auto on_engine(asio::io_context& io, F f) -> decltype(f()) {
  std::packaged_task<decltype(f())()> task(std::move(f));
  auto result = task.get_future();
  asio::post(io, [&task] { task(); });
  return result.get();
}

// Escalations, ack leases, handoffs and handover reminders are all due times checked here,
// five times a second, so each fires within a second of its time.
asio::awaitable<void> escalation_timer(incident_engine& engine, bool& stopping) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  handover_engine handovers(engine);
  while (!stopping) {
    try {
      engine.fire_due_escalations();
    } catch (const std::exception& e) {
      spdlog::error("escalation: {}", e.what());
    }
    try {
      handovers.tick();
    } catch (const std::exception& e) {
      spdlog::error("handover: {}", e.what());
    }
    timer.expires_after(std::chrono::milliseconds(200));
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

std::unique_ptr<chat_platform> make_platform(asio::io_context& io, http_client& http, const config& cfg,
                                             bot_metrics& metrics) {
  if (cfg.chat.platform == chat_platform_kind::slack) {
    auto slack = std::make_unique<slack_platform>(io.get_executor(), http, cfg.chat.slack);
    slack->set_metrics(metrics);
    return slack;
  }
  auto mattermost = std::make_unique<mattermost_platform>(io.get_executor(), http, cfg.chat.mattermost,
                                                          cfg.http.public_url);
  mattermost->set_metrics(metrics);
  return mattermost;
}

}  // namespace

int run_bot(const std::string& config_file) {
  auto loaded = load_config_or_report(config_file);
  if (!loaded) return 2;
  auto cfg = std::make_shared<const config>(*loaded);
  setup_logging(*cfg);

  std::unique_ptr<store> storage;
  std::optional<storage_lock> held;
  try {
    held = storage_lock::take(cfg->storage.url);
    if (!held) {
      std::cerr << "oncallbot: another oncallbot is running on " << cfg->storage.url
                << "; stop it first (two bots on one SQLite file would page twice)\n";
      return 1;
    }
    storage = open_store(cfg->storage.url);
  } catch (const std::exception& e) {
    std::cerr << "oncallbot: " << e.what() << "\n";
    return 1;
  }

  asio::io_context io(1);
  system_clock_source clock;
  bot_metrics metrics;  // declared before everything that counts into it
  incident_engine engine(cfg, *storage, clock);
  engine.set_metrics(metrics);
  http_client http(io.get_executor());
  auto chat = make_platform(io, http, *cfg, metrics);
  outbox out(io.get_executor(), engine, *chat, http);
  engine.on_effects([&] { asio::post(io, [&] { out.kick(); }); });
  chat_bridge bridge(engine);

  std::unique_ptr<backup_timer> backups;  // storage.backup: scheduled backups
  if (cfg->storage.backup) backups = std::make_unique<backup_timer>(cfg->storage.url, *cfg->storage.backup);

  http_hooks hooks;
  hooks.ingest = [&](const alert_batch& batch) {
    return on_engine(io, [&] {
      auto outcome = engine.ingest(batch);
      ingest_summary summary;
      for (auto* ids : {&outcome.opened, &outcome.updated, &outcome.resolved}) {
        summary.incidents.insert(summary.incidents.end(), ids->begin(), ids->end());
      }
      return summary;
    });
  };
  hooks.acknowledge = [&](const std::string& key) {
    on_engine(io, [&] { return engine.ack_by_key(key, actor::system("pagerduty")); });
  };
  hooks.deploy = [&](const deploy& d) { return on_engine(io, [&] { return engine.record_deploy(d); }); };
  hooks.chat_paths = chat->http_paths();
  hooks.chat_request = [&](const inbound_http& request) {
    return asio::co_spawn(io, chat->handle_http(request, bridge), asio::use_future).get();
  };
  hooks.chat_connected = [&] { return on_engine(io, [&] { return chat->connected(); }); };
  hooks.gauges = [&] {
    return on_engine(io, [&] {
      engine_gauges g;
      for (const auto& inc : storage->open_incidents()) {
        ++g.open_incidents;
        if (inc.state == incident_state::acknowledged) ++g.acknowledged_incidents;
      }
      g.resolved_incidents = storage->count_rows("incidents") - g.open_incidents;
      g.pending_effects = storage->count_pending_effects();
      if (backups) g.last_backup_unix = backups->last_success();
      return g;
    });
  };
  hooks.metrics = &metrics;
  hooks.storage_ok = [&] { return on_engine(io, [&] { return storage->schema_version() > 0; }); };
  http_server server(cfg->http, hooks);
  try {
    server.start();
  } catch (const std::exception& e) {
    std::cerr << "oncallbot: " << e.what() << "\n";
    return 1;
  }

  bool stopping = false;
  asio::co_spawn(io, chat->run(bridge), asio::detached);
  asio::co_spawn(io, escalation_timer(engine, stopping), asio::detached);
  runbook_service runbooks(io.get_executor(), engine);
  asio::co_spawn(io, runbooks.run(stopping), asio::detached);
  if (backups) asio::co_spawn(io, backups->run(stopping), asio::detached);
  tracker_service tracker(io.get_executor(), engine, http);
  asio::co_spawn(io, tracker.run(stopping), asio::detached);
  out.kick();  // effects left over from before a restart

  config_reloader reloader(config_file, cfg, engine, server);
  asio::signal_set signals(io, SIGINT, SIGTERM, SIGHUP);
  std::function<void(const boost::system::error_code&, int)> on_signal =
      [&](const boost::system::error_code& ec, int sig) {
        if (ec) return;
        if (sig == SIGHUP) {
          reloader.reload();
          signals.async_wait(on_signal);
          return;
        }
        spdlog::info("shutting down (signal {})", sig);
        stopping = true;
        chat->stop();
        out.stop();
        // In-flight requests finish or time out; sockets close; storage closes last.
        auto grace = std::make_shared<asio::steady_timer>(io, std::chrono::milliseconds(500));
        grace->async_wait([&io, grace](const boost::system::error_code&) { io.stop(); });
      };
  signals.async_wait(on_signal);

  io.run();
  server.stop();
  spdlog::info("stopped");
  return 0;
}

}  // namespace oncall
