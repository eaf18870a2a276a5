// Markdown and attachments for Mattermost (protocols.md B7, B8).
#include "bot/chat/mattermost/mattermost_render.hpp"

#include <algorithm>
#include <cctype>

#include "bot/net/hmac.hpp"

namespace oncall {

namespace {

using nlohmann::json;

bool valid_username(const std::string& name) {
  return !name.empty() && name.size() <= 64 &&
         std::all_of(name.begin(), name.end(), [](unsigned char c) {
           return std::islower(c) || std::isdigit(c) || c == '.' || c == '_' || c == '-';
         });
}

bool safe_url(const std::string& url) {
  return (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0) &&
         url.find_first_of("<>() \n") == std::string::npos;
}

std::string action_button_id(const std::string& action_id) {
  std::string id;
  for (char c : action_id) {
    if (std::isalnum(static_cast<unsigned char>(c))) id += c;  // Mattermost: letters and digits
  }
  return id;
}

std::string button_style(button::style s) {
  switch (s) {
    case button::style::primary: return "primary";
    case button::style::danger: return "danger";
    case button::style::normal: return "default";
  }
  return "default";
}

}  // namespace

std::string mattermost_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool line_start = i == 0 || text[i - 1] == '\n';
    switch (c) {
      case '\\': case '*': case '_': case '~': case '`': case '[': case ']':
        out += '\\';
        out += c;
        break;
      case '#': case '>': case '-': case '+': case '|':
        // Headings, quotes, lists and tables only start at the beginning of a line.
        if (line_start) out += '\\';
        out += c;
        break;
      case '@':
        out += "@\xE2\x80\x8B";  // zero-width space: shows "@channel" without notifying anyone
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string mattermost_markdown(const rich_text& t) {
  std::string out;
  for (const auto& s : t) {
    switch (s.type) {
      case span::kind::text: out += mattermost_escape(s.value); break;
      case span::kind::bold: out += "**" + mattermost_escape(s.value) + "**"; break;
      case span::kind::code: {
        std::string v = s.value;
        std::replace(v.begin(), v.end(), '`', '\'');
        out += "`" + v + "`";
        break;
      }
      case span::kind::mention:
        out += valid_username(s.value) ? "@" + s.value : mattermost_escape("@" + s.value);
        break;
      case span::kind::link:
        out += safe_url(s.url) ? "[" + mattermost_escape(s.value) + "](" + s.url + ")"
                               : mattermost_escape(s.value);
        break;
    }
  }
  return out;
}

std::string mattermost_text(const outbound_message& m) {
  std::string out = mattermost_markdown(m.headline);
  for (const auto& p : m.body) out += (out.empty() ? "" : "\n") + mattermost_markdown(p);
  for (const auto& f : m.fields) {
    out += (out.empty() ? "" : "\n") + ("**" + mattermost_escape(f.label) + ":** ") + mattermost_markdown(f.value);
  }
  for (const auto& c : m.context) out += (out.empty() ? "" : "\n") + mattermost_markdown(c);
  return out;
}

std::string sign_action(const std::string& signing_key, const std::string& action,
                        const std::string& value) {
  return hmac_sha256_hex(signing_key, action + "\n" + value);
}

json mattermost_post_body(const outbound_message& m, const mattermost_actions& actions) {
  std::string message = mattermost_markdown(m.headline);
  for (const auto& p : m.body) message += (message.empty() ? "" : "\n") + mattermost_markdown(p);
  if (m.fields.empty() && m.buttons.empty() && m.context.empty()) {
    return {{"message", message}, {"props", json::object()}};
  }
  json attachment = {{"fallback", message}};
  json fields = json::array();
  for (const auto& f : m.fields) {
    fields.push_back({{"title", f.label}, {"value", mattermost_markdown(f.value)}, {"short", true}});
  }
  attachment["fields"] = fields;
  std::string footer;
  for (const auto& c : m.context) footer += (footer.empty() ? "" : " · ") + mattermost_markdown(c);
  if (!footer.empty()) attachment["text"] = footer;
  json buttons = json::array();
  for (const auto& b : m.buttons) {
    buttons.push_back({{"id", action_button_id(b.action_id)}, {"name", b.label}, {"type", "button"},
                       {"style", button_style(b.look)},
                       {"integration", {{"url", actions.url},
                                        {"context", {{"action", b.action_id}, {"value", b.value},
                                                     {"sig", sign_action(actions.signing_key, b.action_id, b.value)}}}}}});
  }
  if (!buttons.empty()) attachment["actions"] = buttons;
  return {{"message", message}, {"props", {{"attachments", json::array({attachment})}}}};
}

}  // namespace oncall
