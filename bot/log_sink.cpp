#include "bot/log_sink.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace oncall {

namespace {

// Shorter values would redact ordinary words; real tokens are long.
constexpr std::size_t min_secret_length = 6;

std::string utc_time(const spdlog::details::log_msg& msg) {
  auto t = std::chrono::system_clock::to_time_t(msg.time);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

std::string redact_all(std::string text, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) {
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), "[redacted]");
    }
  }
  return text;
}

}  // namespace

void redacting_sink::set_secrets(std::vector<std::string> secrets) {
  std::lock_guard lock(mutex_);
  secrets.erase(std::remove_if(secrets.begin(), secrets.end(),
                               [](const std::string& s) { return s.size() < min_secret_length; }),
                secrets.end());
  // Longest first, so a secret that contains another is hidden whole.
  std::sort(secrets.begin(), secrets.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  secrets_ = std::move(secrets);
}

std::string redacting_sink::redact(std::string text) const { return redact_all(std::move(text), secrets_); }

void redacting_sink::sink_it_(const spdlog::details::log_msg& msg) {
  std::string message(msg.payload.data(), msg.payload.size());
  message = redact(std::move(message));
  auto level = spdlog::level::to_string_view(msg.level);
  std::string line;
  if (json_) {
    line = nlohmann::json{{"time", utc_time(msg)},
                          {"level", std::string(level.data(), level.size())},
                          {"message", message}}
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else {
    line = utc_time(msg) + " " + std::string(level.data(), level.size()) + " " + message;
  }
  write(line + "\n");
}

void redacting_sink::write(const std::string& line) {
  if (capture_) {
    *capture_ += line;
    return;
  }
  std::fwrite(line.data(), 1, line.size(), stderr);
}

void redacting_sink::flush_() { std::fflush(stderr); }

}  // namespace oncall
