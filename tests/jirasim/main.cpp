// Role: jirasim's entry point: parse options, serve the Jira REST subset and the control API on
// two loopback ports (written to --port-file as "API CONTROL"), run until SIGTERM or SIGINT.
//
//   jirasim [--flavor cloud|datacenter] [--user U] [--token T] [--project KEY]
//           [--issue-types A,B] [--users id1,id2] [--port N] [--control-port N] [--port-file F]
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "control.hpp"
#include "rest.hpp"

using namespace jirasim;

namespace {

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto comma = s.find(',', start);
    auto item = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

bool parse_options(int argc, char** argv, options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) {
      std::cerr << "jirasim: " << a << " needs a value\n";
      return false;
    }
    std::string v = argv[++i];
    if (a == "--flavor" && (v == "cloud" || v == "datacenter")) {
      o.kind = v == "cloud" ? flavor::cloud : flavor::datacenter;
    } else if (a == "--user") {
      o.user = v;
    } else if (a == "--token") {
      o.token = v;
    } else if (a == "--project") {
      o.project = v;
    } else if (a == "--issue-types") {
      o.issue_types = split(v);
    } else if (a == "--users") {
      for (auto& u : split(v)) o.users.insert(u);
    } else if (a == "--port") {
      o.port = static_cast<unsigned short>(std::stoi(v));
    } else if (a == "--control-port") {
      o.control_port = static_cast<unsigned short>(std::stoi(v));
    } else if (a == "--port-file") {
      o.port_file = v;
    } else {
      std::cerr << "jirasim: unknown option " << a << " " << v << "\n";
      return false;
    }
  }
  return true;
}

// The REST API server, which tests can take down (connections refused) and bring back on the
// same port.
class api_server {
 public:
  explicit api_server(state& st) : st_(st) {}
  ~api_server() { down(); }

  int start(int port) {
    std::lock_guard guard(lock_);
    server_ = std::make_unique<httplib::Server>();
    add_rest_routes(*server_, st_);
    int bound = port == 0 ? server_->bind_to_any_port("127.0.0.1") : (server_->bind_to_port("127.0.0.1", port) ? port : -1);
    if (bound < 0) return -1;
    port_ = bound;
    thread_ = std::thread([s = server_.get()] { s->listen_after_bind(); });
    return bound;
  }
  void down() {
    std::lock_guard guard(lock_);
    if (!server_) return;
    server_->stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
  }
  void up() {
    if (server_) return;
    for (int attempt = 0; attempt < 50 && start(port_) < 0; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

 private:
  state& st_;
  std::mutex lock_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

httplib::Server* control_server = nullptr;

}  // namespace

int main(int argc, char** argv) {
  options o;
  if (!parse_options(argc, argv, o)) return 2;
  state st(o);
  api_server api(st);
  int api_port = api.start(o.port);
  if (api_port < 0) {
    std::cerr << "jirasim: cannot listen on port " << o.port << "\n";
    return 1;
  }
  st.base_url = "http://127.0.0.1:" + std::to_string(api_port);

  httplib::Server control;
  add_control_routes(control, st, {[&api] { api.down(); }, [&api] { api.up(); }});
  int control_port = o.control_port == 0 ? control.bind_to_any_port("127.0.0.1")
                                         : (control.bind_to_port("127.0.0.1", o.control_port) ? o.control_port : -1);
  if (control_port < 0) {
    std::cerr << "jirasim: cannot listen on control port " << o.control_port << "\n";
    return 1;
  }
  if (!o.port_file.empty()) {
    std::string tmp = o.port_file + ".tmp";
    std::ofstream(tmp) << api_port << " " << control_port << "\n";
    std::filesystem::rename(tmp, o.port_file);
  }
  std::cout << "jirasim listening on 127.0.0.1:" << api_port << " (control " << control_port << ")" << std::endl;
  control_server = &control;
  std::signal(SIGTERM, [](int) { if (control_server) control_server->stop(); });
  std::signal(SIGINT, [](int) { if (control_server) control_server->stop(); });
  control.listen_after_bind();
  api.down();
  return 0;
}
