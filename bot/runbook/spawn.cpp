// posix_spawn with the attributes and file actions that make a runbook process safe to start
// from the bot: own process group, clean signal state, only stdin/stdout/stderr inherited.
#include "bot/runbook/spawn.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

#include <cstring>

namespace oncall {

unique_fd& unique_fd::operator=(unique_fd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

unique_fd::~unique_fd() {
  if (fd_ >= 0) ::close(fd_);
}

namespace {

// posix_spawn's C structures, destroyed on every path out.
struct spawn_setup {
  posix_spawnattr_t attr;
  posix_spawn_file_actions_t actions;
  spawn_setup() {
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_init(&actions);
  }
  ~spawn_setup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
  spawn_setup(const spawn_setup&) = delete;
  spawn_setup& operator=(const spawn_setup&) = delete;
};

// The bot may block or ignore signals (SIGPIPE, SIGCHLD, …); a runbook starts with none blocked
// and every handler at its default, and leads a process group of its own.
void set_attributes(posix_spawnattr_t& attr) {
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
}

void set_file_actions(posix_spawn_file_actions_t& actions, int output_fd,
                      const std::string& working_dir) {
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, output_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, output_fd, 2);
  if (!working_dir.empty()) posix_spawn_file_actions_addchdir_np(&actions, working_dir.c_str());
  // Asio sockets and other descriptors are not all close-on-exec; a runbook must not inherit
  // the bot's chat connection.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
}

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (const auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

status no_nul_bytes(const std::vector<std::string>& strings, const char* what) {
  for (std::size_t i = 0; i < strings.size(); ++i) {
    if (strings[i].find('\0') != std::string::npos) {
      return error{std::string(what) + " " + std::to_string(i + 1) +
                       " contains a NUL byte, which would cut it short; refused.",
                   what};
    }
  }
  return ok_status();
}

}  // namespace

result<spawned_process> spawn_process(const spawn_request& request) {
  if (request.argv.empty()) return error{"Nothing to run: the argv is empty.", "argv"};
  if (auto s = no_nul_bytes(request.argv, "argument"); !s) return s.err();
  if (auto s = no_nul_bytes(request.env, "environment entry"); !s) return s.err();
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return error{std::string("Cannot create the output pipe: ") + std::strerror(errno), ""};
  }
  unique_fd read_end(fds[0]), write_end(fds[1]);
  spawn_setup setup;
  set_attributes(setup.attr);
  set_file_actions(setup.actions, write_end.get(), request.working_dir);
  auto argv = c_strings(request.argv);
  auto envp = c_strings(request.env);
  pid_t pid = -1;
  // glibc's posix_spawn reports exec failures (ENOENT, EACCES, a bad working directory) here.
  const int rc =
      ::posix_spawn(&pid, argv[0], &setup.actions, &setup.attr, argv.data(), envp.data());
  if (rc != 0) {
    return error{
        "Cannot start " + request.argv[0] + ": " + std::strerror(rc) +
            (request.working_dir.empty() ? "" : " (working directory " + request.working_dir + ")"),
        "argv"};
  }
  return spawned_process{pid, std::move(read_end)};
}

}  // namespace oncall
