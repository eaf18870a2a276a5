// postmortems.git: drafts committed with the git CLI into a temporary repository — created when
// absent, one commit per changed draft, nothing for an unchanged one, and a failure reported as
// an error instead of thrown.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "bot/report/postmortem_git.hpp"
#include "bot/runbook/spawn.hpp"

using namespace oncall;

namespace {

namespace fs = std::filesystem;

struct temp_dir {
  temp_dir() {
    char name[] = "/tmp/oncallbot-pm-git-XXXXXX";
    path = mkdtemp(name);
  }
  ~temp_dir() { fs::remove_all(path); }
  std::string path;
};

// `git log` of the repository, one "author|subject" line per commit, newest first.
std::string git_log(const std::string& dir) {
  spawn_request req;
  req.argv = {"/usr/bin/git", "-C", dir, "log", "--format=%an|%s"};
  req.env = {"PATH=/usr/bin:/bin", "HOME=/"};
  auto child = spawn_process(req);
  REQUIRE(child);
  std::string out;
  char buf[1024];
  ssize_t n;
  while ((n = ::read(child->output.get(), buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  int status = 0;
  waitpid(child->pid, &status, 0);
  return out;
}

incident sample() {
  incident inc;
  inc.id = 4;
  inc.title = "DB down; $(rm -rf /) `x`";  // never reaches a shell or the commit message
  return inc;
}

}  // namespace

TEST_CASE("drafts are committed to a git repository created on first use", "[unit][postmortem][git]") {
  temp_dir tmp;
  config cfg;
  cfg.postmortems.git = true;
  cfg.postmortems.dir = tmp.path + "/postmortems";
  auto first = commit_postmortem(cfg, sample(), postmortem_format::markdown, "# draft one\n");
  INFO((first ? *first : first.err().message));
  REQUIRE(first);
  CHECK(first->starts_with("committed "));
  const auto file = cfg.postmortems.dir + "/postmortem-4-db-down-rm-rf-x.md";
  CHECK(fs::exists(file));
  CHECK(fs::exists(cfg.postmortems.dir + "/.git"));

  auto again = commit_postmortem(cfg, sample(), postmortem_format::markdown, "# draft one\n");
  REQUIRE(again);
  CHECK(again->find("unchanged") != std::string::npos);

  auto second = commit_postmortem(cfg, sample(), postmortem_format::markdown, "# draft two\n");
  REQUIRE(second);
  auto json = commit_postmortem(cfg, sample(), postmortem_format::json, "{}\n");
  REQUIRE(json);
  CHECK(git_log(cfg.postmortems.dir) ==
        "oncallbot|Postmortem draft of #4 (JSON)\n"
        "oncallbot|Postmortem draft of #4 (Markdown)\n"
        "oncallbot|Postmortem draft of #4 (Markdown)\n");
}

TEST_CASE("a draft that cannot be committed is an error, not an exception", "[unit][postmortem][git]") {
  temp_dir tmp;
  std::ofstream(tmp.path + "/file") << "x";
  config cfg;
  cfg.postmortems.git = true;
  cfg.postmortems.dir = tmp.path + "/file/postmortems";  // under a regular file
  auto out = commit_postmortem(cfg, sample(), postmortem_format::markdown, "# draft\n");
  REQUIRE_FALSE(out);
  CHECK(out.err().message.find(cfg.postmortems.dir) != std::string::npos);
}
