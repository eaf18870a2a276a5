// Role: chatsim's entry point: parse options, build the shared, Slack and Mattermost state,
// register the routes, bind the loopback port, announce it (stdout and --port-file), and run
// one io_context thread until SIGTERM or SIGINT.
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "control_api.hpp"
#include "http_server.hpp"
#include "log.hpp"
#include "mattermost_commands.hpp"
#include "mattermost_control.hpp"
#include "mattermost_rest.hpp"
#include "mattermost_state.hpp"
#include "mattermost_transcript.hpp"
#include "router.hpp"
#include "slack_control.hpp"
#include "slack_state.hpp"
#include "slack_web_api.hpp"

namespace asio = boost::asio;
using namespace chatsim;

namespace {

// Written to a temporary name and renamed, so a reader never sees a partial file.
bool write_port_file(const std::string& path, unsigned short port) {
  std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << port << "\n";
    if (!out) return false;
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  return !ec;
}

void add_slack_routes(router& routes, slack_state& slack, slack_web_api& web_api,
                      slack_control& control) {
  routes.add("/api/", [&web_api](const http_request& r) { return web_api.handle(r); });
  routes.add("/_sim/slack/", [&control](const http_request& r) { return control.handle(r); });
  routes.add("/_sim/envelopes", [&control](const http_request& r) { return control.handle(r); });
  routes.add("/upload/v1/", [&slack](const http_request& r) -> asio::awaitable<http_reply> {
    co_return handle_slack_upload(slack, r);
  });
  routes.add("/_sim/response_url/",
             [&slack](const http_request& r) -> asio::awaitable<http_reply> {
               co_return handle_response_url(slack, r);
             });
}

void add_mattermost_routes(router& routes, mattermost_state& mm, mattermost_rest& rest,
                           mattermost_control& control) {
  routes.add("/api/v4/", [&rest](const http_request& r) { return rest.handle(r); });
  routes.add("/_sim/mattermost/", [&control](const http_request& r) { return control.handle(r); });
  routes.add("/hooks/commands/", [&mm](const http_request& r) -> asio::awaitable<http_reply> {
    co_return handle_command_hook(mm, r);
  });
  mm.ctx.transcript_sections.push_back([&mm] { return render_mattermost_transcript(mm.ws); });
}

// Binds the port and tells the world: --port-file and the first stdout line.
bool listen_and_announce(http_server& server, sim_context& ctx) {
  try {
    ctx.port = server.listen(ctx.options.port);
  } catch (const std::exception& e) {
    std::cerr << "chatsim: cannot listen on port " << ctx.options.port << ": " << e.what() << "\n";
    return false;
  }
  if (!ctx.options.port_file.empty() && !write_port_file(ctx.options.port_file, ctx.port)) {
    std::cerr << "chatsim: cannot write " << ctx.options.port_file << "\n";
    return false;
  }
  std::cout << "chatsim listening on 127.0.0.1:" << ctx.port << std::endl;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  auto parsed = parse_options(std::vector<std::string>(argv + 1, argv + argc));
  if (parsed.help) {
    std::cout << usage_text();
    return 0;
  }
  if (!parsed.options) {
    std::cerr << "chatsim: " << parsed.error << "\n" << usage_text();
    return 2;
  }
  asio::io_context ioc(1);
  sim_context ctx(ioc.get_executor(), *parsed.options);
  slack_state slack(ctx);
  slack_web_api web_api(slack);
  slack_control slack_ctl(slack);
  mattermost_state mm(ctx);
  mattermost_rest mm_rest(mm);
  mattermost_control mm_ctl(mm);
  control_api control(ctx);

  router routes;
  routes.add("/_sim/", [&control](const http_request& r) { return control.handle(r); });
  add_slack_routes(routes, slack, web_api, slack_ctl);
  add_mattermost_routes(routes, mm, mm_rest, mm_ctl);

  http_server server(ioc.get_executor(), routes, ctx.faults);
  server.add_upgrade(slack.sockets.route());
  server.add_upgrade(mm.sockets.route());
  // Signals are caught before the port is announced, so a reader may stop chatsim at once.
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    log_line("signal " + std::to_string(signal) + ", stopping");
    server.stop();
    ioc.stop();
  });
  if (!listen_and_announce(server, ctx)) return 1;
  server.start();
  ioc.run();
  return 0;
}
