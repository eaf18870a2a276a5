// The one sink every log line goes through: it redacts the configured secrets, whatever the
// caller logged (a token in a URL, an error body that echoes a header), and writes text lines or
// JSON lines (properly escaped, one object per line) to stderr.
#pragma once

#include <spdlog/sinks/base_sink.h>

#include <mutex>
#include <string>
#include <vector>

namespace oncall {

class redacting_sink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit redacting_sink(bool json) : json_(json) {}
  // Replaces the secrets to hide (empty strings and very short ones are ignored).
  void set_secrets(std::vector<std::string> secrets);
  // For tests: where lines go instead of stderr.
  void capture_into(std::string* out) { capture_ = out; }

  // Every occurrence of a secret in `text` replaced by "[redacted]".
  std::string redact(std::string text) const;

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override;

 private:
  void write(const std::string& line);

  bool json_;
  std::vector<std::string> secrets_;
  std::string* capture_ = nullptr;
};

}  // namespace oncall
