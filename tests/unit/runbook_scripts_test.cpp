// The example runbooks in scripts/runbooks/, run the way the bot runs them: a runbook from a
// config, validated arguments, the runner. Each script also re-checks its arguments, which is
// tested by handing it what the bot would have refused.
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <catch2/catch.hpp>

#include "bot/runbook/validation.hpp"
#include "runbook_test_support.hpp"

using namespace oncall;
using namespace oncall::testing;
using namespace std::chrono_literals;

namespace {

std::string script(const std::string& name) {
  return std::string(ONCALLBOT_SOURCE_DIR) + "/scripts/runbooks/" + name;
}

result<run_outcome> run_runbook(const runbook& rb, std::vector<std::string> tokens) {
  auto argv = argv_for(rb, tokens);
  REQUIRE(argv.ok());
  boost::asio::io_context io;
  runbook_runner runner(io.get_executor());
  return run_to_end(runner, io, request_for(*argv, 30s));
}

// The script called directly with `args`, as if the bot's own checks had been bypassed.
result<run_outcome> run_script(const std::string& name, std::vector<std::string> args) {
  args.insert(args.begin(), script(name));
  boost::asio::io_context io;
  runbook_runner runner(io.get_executor());
  return run_to_end(runner, io, request_for(args, 30s));
}

// One-status HTTP server on a loopback port, answering every request until destroyed.
class tiny_http_server {
 public:
  explicit tiny_http_server(int status) : status_(status) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 8);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~tiny_http_server() {
    stopping_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    thread_.join();
    ::close(fd_);
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  void serve() {
    while (!stopping_) {
      const int client = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) return;
      char buf[4096];
      std::string request;
      while (request.find("\r\n\r\n") == std::string::npos) {
        const auto n = ::recv(client, buf, sizeof buf, 0);
        if (n <= 0) break;
        request.append(buf, static_cast<std::size_t>(n));
      }
      const std::string answer = "HTTP/1.1 " + std::to_string(status_) +
                                 " X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
      ::send(client, answer.data(), answer.size(), MSG_NOSIGNAL);
      ::close(client);
    }
  }

  int status_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

runbook health_check() {
  runbook rb;
  rb.name = "health-check";
  rb.command = {script("health-check.sh"), "{url}", "{timeout}"};
  rb.params = {{"url", R"(^https?://[A-Za-z0-9.:/_-]+$)"}, {"timeout", "^[0-9]{1,2}$", "5"}};
  return rb;
}

runbook log_tail(const std::string& log_dir) {
  runbook rb;
  rb.name = "log-tail";
  rb.command = {script("log-tail.sh"), log_dir, "{file}", "{lines}"};
  rb.params = {{"file", R"(^[A-Za-z0-9][A-Za-z0-9._-]*$)"}, {"lines", "^[0-9]{1,4}$", "100"}};
  return rb;
}

runbook rollback(const std::string& app_dir) {
  runbook rb;
  rb.name = "rollback";
  rb.command = {script("rollback.sh"), app_dir};
  return rb;
}

}  // namespace

TEST_CASE("runbook health-check: a 200 is healthy, a 503 or no answer is not", "[unit][runbook]") {
  tiny_http_server up(200), down(503);
  auto healthy = run_runbook(health_check(), {"url=" + up.url("/healthz")});
  REQUIRE(healthy.ok());
  CHECK(healthy->exit_code == 0);
  CHECK_THAT(healthy->output,
             Catch::StartsWith("HEALTHY: " + up.url("/healthz") + " answered 200"));

  auto failing = run_runbook(health_check(), {"url=" + down.url("/healthz")});
  REQUIRE(failing.ok());
  CHECK(failing->exit_code == 1);
  CHECK_THAT(failing->output,
             Catch::Contains("UNHEALTHY: " + down.url("/healthz") + " answered 503"));

  auto closed = run_runbook(health_check(), {"url=http://127.0.0.1:1/", "timeout=2"});
  REQUIRE(closed.ok());
  CHECK(closed->exit_code == 1);
  CHECK_THAT(closed->output, Catch::Contains("did not answer within 2s"));
}

TEST_CASE("runbook health-check refuses what is not a plain http(s) URL, whoever calls it",
          "[unit][runbook]") {
  for (const std::string bad :
       {"file:///etc/passwd", "http://x/$(touch pwned)", "gopher://127.0.0.1/", "http://a b/"}) {
    INFO(bad);
    auto out = run_script("health-check.sh", {bad});
    REQUIRE(out.ok());
    CHECK(out->exit_code == 2);
    CHECK_THAT(out->output, Catch::StartsWith("refused: "));
  }
  auto slow = run_script("health-check.sh", {"http://127.0.0.1/", "999"});
  CHECK(slow->exit_code == 2);
}

TEST_CASE("runbook log-tail shows the last lines of a log in the allowed directory",
          "[unit][runbook]") {
  temp_dir dir;
  std::string log;
  for (int i = 1; i <= 10; ++i) log += "line " + std::to_string(i) + "\n";
  write_file(dir / "logs/api.log", log);
  auto out = run_runbook(log_tail(dir / "logs"), {"file=api.log", "lines=3"});
  REQUIRE(out.ok());
  CHECK(out->exit_code == 0);
  CHECK(out->output == "line 8\nline 9\nline 10\n");
  auto missing = run_runbook(log_tail(dir / "logs"), {"file=nope.log"});
  CHECK(missing->exit_code == 1);
  CHECK_THAT(missing->output, Catch::Contains("no log file 'nope.log'"));
}

TEST_CASE("runbook log-tail reads nothing outside its directory, by name or by symlink",
          "[unit][runbook]") {
  temp_dir dir;
  write_file(dir / "secret.txt", "s3cret\n");
  write_file(dir / "logs/api.log", "fine\n");
  std::filesystem::create_symlink("../secret.txt", dir / "logs/evil.log");
  auto by_link = run_runbook(log_tail(dir / "logs"), {"file=evil.log"});
  REQUIRE(by_link.ok());
  CHECK(by_link->exit_code == 2);
  CHECK_THAT(by_link->output, Catch::Contains("leads outside"));
  CHECK_THAT(by_link->output, !Catch::Contains("s3cret"));
  for (const std::string bad : {"../secret.txt", "..", "/etc/passwd", "a/../../secret.txt"}) {
    INFO(bad);
    auto out = run_script("log-tail.sh", {dir / "logs", bad});
    REQUIRE(out.ok());
    CHECK(out->exit_code == 2);
    CHECK_THAT(out->output, !Catch::Contains("s3cret"));
  }
  auto too_many = run_script("log-tail.sh", {dir / "logs", "api.log", "99999"});
  CHECK(too_many->exit_code == 2);
}

TEST_CASE("runbook rollback points current at the previous release, one step at a time",
          "[unit][runbook]") {
  temp_dir dir;
  const std::string app = dir / "api";
  for (const char* r : {"20261101-0900", "20261102-1200", "20261103-1500"}) {
    std::filesystem::create_directories(app + "/releases/" + r);
  }
  std::filesystem::create_directory_symlink("releases/20261103-1500", app + "/current");
  auto current = [&] { return std::filesystem::read_symlink(app + "/current").string(); };

  auto first = run_runbook(rollback(app), {});
  REQUIRE(first.ok());
  CHECK(first->exit_code == 0);
  CHECK(first->output ==
        "rolled back api from 20261103-1500 to 20261102-1200 (by alice, incident 42)\n");
  CHECK(current() == "releases/20261102-1200");

  CHECK(run_runbook(rollback(app), {})->exit_code == 0);
  CHECK(current() == "releases/20261101-0900");

  auto oldest = run_runbook(rollback(app), {});
  CHECK(oldest->exit_code == 1);
  CHECK_THAT(oldest->output, Catch::Contains("nothing to roll back to"));
  CHECK(current() == "releases/20261101-0900");
  // No temporary link is left behind by any of the runs.
  CHECK(std::distance(std::filesystem::directory_iterator(app),
                      std::filesystem::directory_iterator()) == 2);
}

TEST_CASE("runbook rollback to a named release checks the name itself", "[unit][runbook]") {
  temp_dir dir;
  const std::string app = dir / "api";
  std::filesystem::create_directories(app + "/releases/r1");
  std::filesystem::create_directories(app + "/releases/r2");
  std::filesystem::create_directory_symlink("releases/r1", app + "/current");
  auto to_r2 = run_script("rollback.sh", {app, "r2"});
  REQUIRE(to_r2.ok());
  CHECK(to_r2->exit_code == 0);
  CHECK(std::filesystem::read_symlink(app + "/current") == "releases/r2");
  for (const std::string bad : {"../../etc", "r9", "..", "r1/../../x"}) {
    INFO(bad);
    auto out = run_script("rollback.sh", {app, bad});
    CHECK(out->exit_code == 2);
    CHECK(std::filesystem::read_symlink(app + "/current") == "releases/r2");
  }
}
