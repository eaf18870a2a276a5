#include "bot/report/export_command.hpp"

#include <chrono>
#include <fstream>
#include <iostream>

#include "bot/commands.hpp"
#include "bot/report/postmortem.hpp"
#include "bot/report/postmortem_git.hpp"
#include "bot/store/existing_store.hpp"

namespace oncall {

namespace {

time_point wall_now() {
  return std::chrono::time_point_cast<duration>(std::chrono::system_clock::now());
}

// Writes next to the target first, then renames, so a reader never sees half a draft.
bool write_file(const std::string& path, const std::string& text, std::ostream& err) {
  const std::string partial = path + ".partial";
  {
    std::ofstream f(partial, std::ios::binary | std::ios::trunc);
    if (!(f << text) || !f.flush()) {
      err << "oncallbot: cannot write " << path << "; check that its folder exists and is writable\n";
      std::remove(partial.c_str());
      return false;
    }
  }
  if (std::rename(partial.c_str(), path.c_str()) != 0) {
    err << "oncallbot: cannot write " << path << "; check that its folder is writable\n";
    std::remove(partial.c_str());
    return false;
  }
  return true;
}

}  // namespace

int export_postmortem(const export_request& request, std::ostream& out, std::ostream& err) {
  auto format = postmortem_format_from_string(request.format);
  if (!format) {
    err << "oncallbot: --format '" << request.format << "' is not a draft format; use md or json\n";
    return 2;
  }
  auto id = parse_incident_id(request.incident);
  if (!id) {
    err << "oncallbot: --incident '" << request.incident
        << "' is not an incident id; write it like 42 or #42\n";
    return 2;
  }
  auto cfg = load_config_or_report(request.config_file);
  if (!cfg) return 2;
  try {
    auto st = open_existing_store(cfg->storage.url);
    if (!st) {
      err << "oncallbot: storage " << cfg->storage.url
          << " does not exist yet, so there is no incident #" << *id
          << "; point --config at the bot's config\n";
      return 2;
    }
    auto text = render_postmortem(*st, *cfg, *id, *format, wall_now());
    if (!text) {
      err << "oncallbot: " << text.err().message << "\n";
      return 2;
    }
    if (request.out.empty()) {
      out << *text;
    } else if (!write_file(request.out, *text, err)) {
      return 1;
    }
    if (cfg->postmortems.git) {
      auto inc = st->find_incident(*id);
      auto committed = commit_postmortem(*cfg, *inc, *format, *text);
      if (!committed) err << "oncallbot: the draft was not committed: " << committed.err().message << "\n";
    }
  } catch (const std::exception& e) {
    err << "oncallbot: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace oncall
