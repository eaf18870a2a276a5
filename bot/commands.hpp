// The CLI commands, each returning the process exit code: 0 ok, 1 runtime failure, 2 bad usage
// or bad config.
#pragma once

#include <optional>
#include <string>

#include "config/config.hpp"

namespace oncall {

int run_bot(const std::string& config_file);
int check_config(const std::string& config_file);
int show_who(const std::string& config_file, const std::string& at);

// Loads and validates; prints every error to stderr and returns nullopt when invalid.
std::optional<config> load_config_or_report(const std::string& config_file);

}  // namespace oncall
