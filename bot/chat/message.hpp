// The platform-neutral message model. Handlers and the engine say what to show; slack_render
// and mattermost_render decide how (Block Kit + mrkdwn, or Markdown + attachments), including
// the escaping of everything that came from outside.
#pragma once

#include <string>
#include <vector>

namespace oncall {

// A run of text with one meaning. Text spans are untrusted and always escaped when rendered.
struct span {
  enum class kind { text, bold, code, mention, link };
  kind type = kind::text;
  std::string value;  // the text; for mentions the chat user (Slack id, Mattermost username)
  std::string url;    // links only
  bool operator==(const span&) const = default;
};

using rich_text = std::vector<span>;

namespace rt {
inline span text(std::string s) { return {span::kind::text, std::move(s), {}}; }
inline span bold(std::string s) { return {span::kind::bold, std::move(s), {}}; }
inline span code(std::string s) { return {span::kind::code, std::move(s), {}}; }
inline span mention(std::string chat_user) { return {span::kind::mention, std::move(chat_user), {}}; }
inline span link(std::string label, std::string url) {
  return {span::kind::link, std::move(label), std::move(url)};
}
}  // namespace rt

struct field {
  std::string label;
  rich_text value;
  bool operator==(const field&) const = default;
};

struct button {
  enum class style { normal, primary, danger };
  std::string action_id;  // "ack", "escalate", "resolve", …
  std::string label;
  std::string value;      // e.g. the incident id
  style look = style::normal;
  bool operator==(const button&) const = default;
};

struct outbound_message {
  rich_text headline;            // first line, shown bold
  std::vector<rich_text> body;   // paragraphs
  std::vector<field> fields;
  std::vector<button> buttons;
  std::vector<rich_text> context;  // small print under the message
  bool operator==(const outbound_message&) const = default;
};

// A message of one paragraph.
outbound_message simple_message(rich_text text);

// The message as plain text (no markup, mentions as given): notification fallbacks and logs.
std::string plain_text(const outbound_message& m);
std::string plain_text(const rich_text& t);

}  // namespace oncall
