// Plain-text views of messages.
#include "bot/chat/message.hpp"

namespace oncall {

outbound_message simple_message(rich_text text) {
  outbound_message m;
  m.body.push_back(std::move(text));
  return m;
}

std::string plain_text(const rich_text& t) {
  std::string out;
  for (const auto& s : t) {
    if (s.type == span::kind::mention) {
      out += "@" + s.value;
    } else {
      out += s.value;
    }
  }
  return out;
}

std::string plain_text(const outbound_message& m) {
  std::string out = plain_text(m.headline);
  for (const auto& p : m.body) {
    if (!out.empty()) out += "\n";
    out += plain_text(p);
  }
  for (const auto& f : m.fields) {
    if (!out.empty()) out += "\n";
    out += f.label + ": " + plain_text(f.value);
  }
  return out;
}

}  // namespace oncall
