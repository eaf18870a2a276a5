// Role: starting and stopping jirasim for its tests.
#include "jirasim_process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace jirasim_test {

jirasim_process::jirasim_process(std::vector<std::string> extra_args) {
  char tmpl[] = "/tmp/jirasim-test-XXXXXX";
  dir_ = mkdtemp(tmpl);
  std::string port_file = dir_ + "/ports";
  std::vector<std::string> argv = {JIRASIM_BINARY, "--port-file", port_file};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  pid_ = fork();
  if (pid_ == 0) {
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    freopen((dir_ + "/log").c_str(), "w", stdout);
    execv(args[0], args.data());
    _exit(127);
  }
  for (int i = 0; i < 500; ++i) {
    std::ifstream in(port_file);
    if (in >> api_port_ >> control_port_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw std::runtime_error("jirasim did not start");
}

jirasim_process::~jirasim_process() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 200 && waitpid(pid_, &status, WNOHANG) == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, WNOHANG);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

httplib::Client jirasim_process::api() const {
  httplib::Client c("127.0.0.1", api_port_);
  c.set_connection_timeout(1, 0);
  return c;
}

httplib::Client jirasim_process::control() const { return httplib::Client("127.0.0.1", control_port_); }

std::string cloud_auth(const std::string& user, const std::string& token) {
  return httplib::make_basic_authentication_header(user, token).second;
}

}  // namespace jirasim_test
