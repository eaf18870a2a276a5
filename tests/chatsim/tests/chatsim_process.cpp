// Role: implementation of the chatsim child-process fixture.
#include "chatsim_process.hpp"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace chatsim_test {
namespace {

using namespace std::chrono_literals;

std::string make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "chatsim-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

[[noreturn]] void exec_child(const std::vector<std::string>& args, const std::string& log_path) {
  int null_fd = open("/dev/null", O_WRONLY);
  int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  dup2(null_fd, STDOUT_FILENO);
  dup2(log_fd, STDERR_FILENO);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execv(argv[0], argv.data());
  _exit(127);
}

unsigned short wait_for_port(const std::string& path, pid_t pid) {
  for (auto deadline = std::chrono::steady_clock::now() + 10s;
       std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(5ms)) {
    std::ifstream in(path);
    int port = 0;
    if (in >> port && port > 0) return static_cast<unsigned short>(port);
    if (waitpid(pid, nullptr, WNOHANG) == pid) throw std::runtime_error("chatsim exited early");
  }
  throw std::runtime_error("chatsim did not write its port file");
}

}  // namespace

chatsim_process::chatsim_process(std::vector<std::string> extra_args) : dir_(make_temp_dir()) {
  std::vector<std::string> args{CHATSIM_BINARY, "--port", "0", "--port-file", dir_ + "/port",
                                "--ack-timeout-ms", "300"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) exec_child(args, dir_ + "/stderr.log");
  port_ = wait_for_port(dir_ + "/port", pid_);
  client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
  client_->set_read_timeout(10, 0);
}

chatsim_process::~chatsim_process() {
  stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

int chatsim_process::stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 400; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(5ms);
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return -1;
}

std::string chatsim_process::log() const {
  std::ifstream in(dir_ + "/stderr.log");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

httplib::Result chatsim_process::api_raw(const std::string& method, const nlohmann::json& args,
                                         const std::string& token) {
  httplib::Headers headers{{"Authorization", "Bearer " + token}};
  return client_->Post(("/api/" + method).c_str(), headers, args.dump(),
                      "application/json; charset=utf-8");
}

nlohmann::json chatsim_process::api(const std::string& method, const nlohmann::json& args,
                                    const std::string& token) {
  auto res = api_raw(method, args, token);
  if (!res) throw std::runtime_error("no answer to " + method);
  return nlohmann::json::parse(res->body);
}

nlohmann::json chatsim_process::get(const std::string& path) {
  auto res = client_->Get(path.c_str());
  if (!res) throw std::runtime_error("no answer to GET " + path);
  return nlohmann::json::parse(res->body);
}

nlohmann::json chatsim_process::post(const std::string& path, const nlohmann::json& body) {
  auto res = client_->Post(path.c_str(), body.dump(), "application/json");
  if (!res) throw std::runtime_error("no answer to POST " + path);
  return nlohmann::json::parse(res->body);
}

}  // namespace chatsim_test
