// Role: parses chatsim's command line ("--name value" or "--name=value") into sim_options.
#include "options.hpp"

#include <charconv>
#include <functional>
#include <map>

namespace chatsim {
namespace {

std::optional<long> parse_number(const std::string& text, long min, long max) {
  long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

using setter = std::function<bool(sim_options&, const std::string&)>;

setter millis(std::chrono::milliseconds sim_options::*field) {
  return [field](sim_options& o, const std::string& v) {
    auto n = parse_number(v, 0, 24L * 3600 * 1000);
    if (n) o.*field = std::chrono::milliseconds(*n);
    return n.has_value();
  };
}

setter count(int sim_options::*field) {
  return [field](sim_options& o, const std::string& v) {
    auto n = parse_number(v, 1, 1000000);
    if (n) o.*field = static_cast<int>(*n);
    return n.has_value();
  };
}

setter on_off(bool sim_options::*field) {
  return [field](sim_options& o, const std::string& v) {
    o.*field = v == "on";
    return v == "on" || v == "off";
  };
}

setter text(std::string sim_options::*field) {
  return [field](sim_options& o, const std::string& v) {
    o.*field = v;
    return !v.empty();
  };
}

const std::map<std::string, setter>& setters() {
  static const std::map<std::string, setter> table{
      {"--port",
       [](sim_options& o, const std::string& v) {
         auto n = parse_number(v, 0, 65535);
         if (n) o.port = static_cast<unsigned short>(*n);
         return n.has_value();
       }},
      {"--port-file", text(&sim_options::port_file)},
      {"--ack-timeout-ms", millis(&sim_options::ack_timeout)},
      {"--ping-interval-ms", millis(&sim_options::ping_interval)},
      {"--refresh-grace-ms", millis(&sim_options::refresh_grace)},
      {"--rate-limit", on_off(&sim_options::rate_limit)},
      {"--burst", count(&sim_options::burst)},
      {"--slack-bot-token", text(&sim_options::slack_bot_token)},
      {"--slack-app-token", text(&sim_options::slack_app_token)},
      {"--mattermost-token", text(&sim_options::mattermost_token)},
      {"--mattermost-rate-limit", on_off(&sim_options::mattermost_rate_limit)},
      {"--mattermost-per-sec", count(&sim_options::mattermost_per_sec)},
      {"--mattermost-burst", count(&sim_options::mattermost_burst)},
  };
  return table;
}

}  // namespace

parsed_options parse_options(const std::vector<std::string>& args) {
  sim_options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i];
    if (name == "--help" || name == "-h") return {std::nullopt, "", true};
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    auto it = setters().find(name);
    if (it == setters().end()) return {std::nullopt, "unknown option " + name, false};
    if (!value) {
      if (i + 1 >= args.size()) return {std::nullopt, name + " needs a value", false};
      value = args[++i];
    }
    if (!it->second(options, *value)) {
      return {std::nullopt, "bad value for " + name + ": " + *value, false};
    }
  }
  return {options, "", false};
}

std::string usage_text() {
  return "usage: chatsim [--port N] [--port-file PATH] [--ack-timeout-ms 3000]\n"
         "               [--rate-limit on|off] [--burst 3] [--ping-interval-ms 10000]\n"
         "               [--refresh-grace-ms 10000] [--slack-bot-token xoxb-sim-bot]\n"
         "               [--slack-app-token xapp-sim-app]\n"
         "               [--mattermost-token mm-sim-bot-token] [--mattermost-rate-limit off|on]\n"
         "               [--mattermost-per-sec 10] [--mattermost-burst 100]\n";
}

}  // namespace chatsim
