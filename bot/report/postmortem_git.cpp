// Committing drafts with the git CLI: every call is an argv for posix_spawn (spawn.hpp), with
// a small fixed environment, so neither incident titles nor the bot's environment reach a
// shell or change what git does.
#include "bot/report/postmortem_git.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>

#include "bot/runbook/program_path.hpp"
#include "bot/runbook/spawn.hpp"

namespace oncall {

namespace {

namespace fs = std::filesystem;

struct git_outcome {
  int exit_code = -1;
  std::string output;
};

std::string read_all(int fd) {
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (out.size() < 64 * 1024) out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

int wait_exit(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class git_cli {
 public:
  git_cli(std::string program, std::string dir) : program_(std::move(program)), dir_(std::move(dir)) {}

  result<git_outcome> run(std::vector<std::string> args) const {
    spawn_request req;
    req.argv = {program_, "-C", dir_, "-c", "user.name=oncallbot", "-c", "user.email=oncallbot@localhost",
                "-c", "commit.gpgsign=false"};
    req.argv.insert(req.argv.end(), args.begin(), args.end());
    const char* home = std::getenv("HOME");
    req.env = {"PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", "GIT_TERMINAL_PROMPT=0",
               std::string("HOME=") + (home && *home ? home : "/")};
    auto child = spawn_process(req);
    if (!child) return child.err();
    git_outcome out;
    out.output = read_all(child->output.get());
    out.exit_code = wait_exit(child->pid);
    return out;
  }

  // Runs and turns a non-zero exit into an error that quotes git's first line.
  result<git_outcome> must(std::vector<std::string> args) const {
    auto what = args.front();
    auto out = run(std::move(args));
    if (!out) return out;
    if (out->exit_code != 0) {
      auto first = out->output.substr(0, out->output.find('\n'));
      return error{"git " + what + " failed in " + dir_ + ": " + (first.empty() ? "no output" : first),
                   "postmortems.dir"};
    }
    return out;
  }

 private:
  std::string program_;
  std::string dir_;
};

status write_draft(const fs::path& path, const std::string& text) {
  const fs::path partial = path.string() + ".partial";
  std::ofstream f(partial, std::ios::binary | std::ios::trunc);
  if (!(f << text) || !f.flush()) return error{"cannot write " + path.string(), "postmortems.dir"};
  f.close();
  std::error_code ec;
  fs::rename(partial, path, ec);
  if (ec) return error{"cannot write " + path.string() + ": " + ec.message(), "postmortems.dir"};
  return ok_status();
}

}  // namespace

result<std::string> commit_postmortem(const config& cfg, const incident& inc,
                                      postmortem_format format, const std::string& text) {
  const fs::path dir = cfg.postmortems.dir.empty() ? fs::path("postmortems") : fs::path(cfg.postmortems.dir);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return error{"cannot create " + dir.string() + ": " + ec.message(), "postmortems.dir"};
  auto program = resolve_program("git", "/usr/local/bin:/usr/bin:/bin", fs::current_path().string());
  if (!program) return error{"git is not installed; install it or set postmortems.git: false", "postmortems.git"};
  git_cli git(*program, dir.string());
  auto inside = git.run({"rev-parse", "--is-inside-work-tree"});
  if (!inside) return inside.err();
  if (inside->exit_code != 0) {
    if (auto init = git.must({"init", "-q"}); !init) return init.err();
  }
  const std::string name = postmortem_file_name(inc, format);
  if (auto written = write_draft(dir / name, text); !written) return written.err();
  if (auto added = git.must({"add", "--", name}); !added) return added.err();
  auto staged = git.run({"diff", "--cached", "--quiet", "--", name});
  if (!staged) return staged.err();
  const std::string shown = (dir / name).string();
  if (staged->exit_code == 0) return shown + " unchanged, nothing to commit";
  const std::string message = "Postmortem draft of " + inc.display_id() + " (" +
                              (format == postmortem_format::json ? "JSON" : "Markdown") + ")";
  if (auto committed = git.must({"commit", "-q", "--no-verify", "-m", message, "--", name}); !committed) {
    return committed.err();
  }
  return "committed " + shown;
}

}  // namespace oncall
