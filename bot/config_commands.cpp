// check-config and who: commands that read the config and need no running bot.
#include <iostream>

#include "bot/commands.hpp"
#include "bot/core/schedule.hpp"
#include "bot/store/existing_store.hpp"
#include "config/loader.hpp"

namespace oncall {

std::optional<config> load_config_or_report(const std::string& config_file) {
  auto loaded = load_config_file(config_file);
  if (loaded.cfg) return loaded.cfg;
  for (const auto& e : loaded.errors) std::cerr << format_config_error(config_file, e) << "\n";
  std::cerr << config_file << ": " << loaded.errors.size() << " error"
            << (loaded.errors.size() == 1 ? "" : "s") << "; fix them and run oncallbot check-config again\n";
  return std::nullopt;
}

int check_config(const std::string& config_file) {
  auto cfg = load_config_or_report(config_file);
  if (!cfg) return 2;
  std::cout << config_summary(*cfg) << "\n";
  return 0;
}

int show_who(const std::string& config_file, const std::string& at) {
  auto cfg = load_config_or_report(config_file);
  if (!cfg) return 2;
  time_point when = std::chrono::time_point_cast<duration>(std::chrono::system_clock::now());
  if (!at.empty()) {
    auto parsed = parse_iso8601(at);
    if (!parsed) {
      std::cerr << "oncallbot: --at '" << at << "' is not an ISO 8601 time; write it like 2026-11-24T03:00:00Z\n";
      return 2;
    }
    when = *parsed;
  }
  if (cfg->schedules.empty()) {
    std::cout << "no schedules configured\n";
    return 0;
  }
  // Overrides taken in chat live in storage; a bot that never ran has none.
  std::vector<stored_override> from_chat;
  try {
    if (auto st = open_existing_store(cfg->storage.url)) from_chat = st->overrides("");
  } catch (const std::exception& e) {
    std::cerr << "oncallbot: " << e.what() << "; showing the config's schedules without chat overrides\n";
  }
  for (const auto& s : cfg->schedules) {
    std::cout << s.name << ": " << on_call_at(with_overrides(s, from_chat), when) << "\n";
  }
  return 0;
}

}  // namespace oncall
