// Block Kit rendering. Untrusted text is escaped so that "<!channel>" in an alert's summary
// stays text and never pings anyone.
#include "bot/chat/slack/slack_render.hpp"

#include <algorithm>

namespace oncall {

namespace {

using nlohmann::json;

bool valid_user_id(const std::string& id) {
  return !id.empty() && id.size() <= 32 &&
         std::all_of(id.begin(), id.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)); });
}

// Slack has no escape for formatting characters, so markup characters inside a styled span are
// replaced by look-alikes that cannot close the span early.
std::string strip(std::string s, char c, char replacement) {
  std::replace(s.begin(), s.end(), c, replacement);
  return s;
}

bool safe_url(const std::string& url) {
  return (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0) &&
         url.find_first_of("<>| \n") == std::string::npos;
}

json plain(const std::string& text) { return {{"type", "plain_text"}, {"text", text}, {"emoji", true}}; }
json mrkdwn(const std::string& text) { return {{"type", "mrkdwn"}, {"text", text}}; }

}  // namespace

std::string slack_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string slack_unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '&') {
      if (text.substr(i, 5) == "&amp;") { out += '&'; i += 4; continue; }
      if (text.substr(i, 4) == "&lt;") { out += '<'; i += 3; continue; }
      if (text.substr(i, 4) == "&gt;") { out += '>'; i += 3; continue; }
    }
    out += text[i];
  }
  return out;
}

std::string slack_mrkdwn(const rich_text& t) {
  std::string out;
  for (const auto& s : t) {
    switch (s.type) {
      case span::kind::text: out += slack_escape(s.value); break;
      case span::kind::bold: out += "*" + slack_escape(strip(s.value, '*', '+')) + "*"; break;
      case span::kind::code: out += "`" + slack_escape(strip(s.value, '`', '\'')) + "`"; break;
      case span::kind::mention:
        out += valid_user_id(s.value) ? "<@" + s.value + ">" : slack_escape("@" + s.value);
        break;
      case span::kind::link:
        if (safe_url(s.url)) {
          out += "<" + slack_escape(s.url) + "|" + slack_escape(strip(s.value, '|', '/')) + ">";
        } else {
          out += slack_escape(s.value);
        }
        break;
    }
  }
  return out;
}

json slack_blocks(const outbound_message& m) {
  json blocks = json::array();
  std::string lead = slack_mrkdwn(m.headline);
  if (!lead.empty()) blocks.push_back({{"type", "section"}, {"text", mrkdwn(lead)}});
  for (const auto& p : m.body) blocks.push_back({{"type", "section"}, {"text", mrkdwn(slack_mrkdwn(p))}});
  if (!m.fields.empty()) {
    json fields = json::array();
    for (const auto& f : m.fields) {
      // A section holds at most 10 fields.
      if (fields.size() == 10) break;
      fields.push_back(mrkdwn("*" + slack_escape(f.label) + "*\n" + slack_mrkdwn(f.value)));
    }
    blocks.push_back({{"type", "section"}, {"fields", fields}});
  }
  for (const auto& c : m.context) {
    blocks.push_back({{"type", "context"}, {"elements", json::array({mrkdwn(slack_mrkdwn(c))})}});
  }
  if (!m.buttons.empty()) {
    json elements = json::array();
    for (const auto& b : m.buttons) {
      json e = {{"type", "button"}, {"action_id", b.action_id}, {"text", plain(b.label)}, {"value", b.value}};
      if (b.look == button::style::primary) e["style"] = "primary";
      if (b.look == button::style::danger) e["style"] = "danger";
      elements.push_back(std::move(e));
    }
    blocks.push_back({{"type", "actions"}, {"elements", elements}});
  }
  return blocks;
}

std::string slack_fallback(const outbound_message& m) {
  std::string text = slack_mrkdwn(m.headline);
  for (const auto& p : m.body) {
    if (!text.empty()) text += "\n";
    text += slack_mrkdwn(p);
  }
  if (text.empty() && !m.fields.empty()) text = slack_escape(m.fields.front().label);
  return text;
}

json slack_message_body(const outbound_message& m) {
  return {{"text", slack_fallback(m)}, {"blocks", slack_blocks(m)}};
}

}  // namespace oncall
