// Program lookup for runbooks: the allow-listed PATH, never the bot's.
#include "bot/runbook/program_path.hpp"

#include <sys/stat.h>
#include <unistd.h>

namespace oncall {

namespace {

bool executable_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

std::string joined_path(const std::string& dir, const std::string& name) {
  if (dir.empty()) return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

result<std::string> checked(const std::string& program, const std::string& path) {
  if (executable_file(path)) return path;
  return error{"The runbook program '" + program + "' (" + path +
                   ") is not an executable file; check the path in the runbook's command and "
                   "that the file has the executable bit (chmod +x).",
               "command"};
}

result<std::string> search(const std::string& program, std::string_view search_path) {
  for (std::size_t start = 0; start <= search_path.size();) {
    std::size_t end = search_path.find(':', start);
    if (end == std::string_view::npos) end = search_path.size();
    const std::string dir(search_path.substr(start, end - start));
    // An empty PATH entry would mean "the current directory"; runbooks never search there.
    if (!dir.empty() && dir.front() == '/' && executable_file(joined_path(dir, program))) {
      return joined_path(dir, program);
    }
    start = end + 1;
  }
  return error{"The runbook program '" + program + "' was not found in " +
                   std::string(search_path) + "; give its full path in the runbook's command.",
               "command"};
}

}  // namespace

result<std::string> resolve_program(const std::string& program, std::string_view search_path,
                                    const std::string& base_dir) {
  if (program.empty()) return error{"The runbook has no program to run.", "command"};
  if (program.find('/') == std::string::npos) return search(program, search_path);
  if (program.front() == '/') return checked(program, program);
  std::string base = base_dir;
  if (base.empty()) {
    char cwd[4096];
    if (!::getcwd(cwd, sizeof cwd)) {
      return error{"The bot cannot read its working directory to find '" + program + "'.",
                   "command"};
    }
    base = cwd;
  }
  return checked(program, joined_path(base, program));
}

}  // namespace oncall
