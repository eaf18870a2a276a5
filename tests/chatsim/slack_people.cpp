// Role: implementation of people's posts, edits, deletions and reactions.
#include "slack_people.hpp"

#include <cctype>

#include "control_support.hpp"
#include "slack_actions.hpp"
#include "slack_state.hpp"
#include "text_codec.hpp"

namespace chatsim {
namespace {

std::string stored_text(slack_state& slack, const nlohmann::json& body) {
  std::string text = field_string(body, "text");
  return body.value("raw", false) ? text : typed_to_slack_text(slack.ctx.ws, text);
}

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
}

}  // namespace

person_target resolve_person(slack_state& slack, const nlohmann::json& body, const char* ts_key,
                             bool own) {
  workspace& ws = slack.ctx.ws;
  person_target t;
  t.who = ws.find_user(field_string(body, "user"));
  t.where = ws.find_channel(field_string(body, "channel"));
  if (!t.who) {
    t.error = error_reply(400, "unknown user: " + field_string(body, "user"));
  } else if (!t.where) {
    t.error = error_reply(400, "unknown channel: " + field_string(body, "channel"));
  } else if (t.where->is_im() && !t.where->members.contains(t.who->id)) {
    // Only the bot and its one person are in an IM.
    t.error = error_reply(403, t.who->name + " is not in the IM " + t.where->id);
  }
  if (t.error || !ts_key) return t;
  t.what = ws.find_message(*t.where, field_string(body, ts_key));
  if (!t.what || t.what->deleted) {
    t.error = error_reply(404, "no such message: " + field_string(body, ts_key));
  } else if (own && t.what->user != t.who->id) {
    t.error = error_reply(403, "people can only change their own messages");
  }
  return t;
}

std::string typed_to_slack_text(const workspace& ws, const std::string& typed) {
  std::string escaped = slack_escape(typed);
  std::string out;
  for (std::size_t i = 0; i < escaped.size();) {
    bool at_word_start = i == 0 || !name_char(escaped[i - 1]);
    if (escaped[i] != '@' || !at_word_start) {
      out += escaped[i++];
      continue;
    }
    std::size_t end = i + 1;
    while (end < escaped.size() && name_char(escaped[end])) ++end;
    std::string name = escaped.substr(i + 1, end - i - 1);
    if (name == "here" || name == "channel" || name == "everyone") {
      out += "<!" + name + ">";
    } else if (const user* u = ws.find_user(name); u && !name.empty()) {
      out += "<@" + u->id + ">";
    } else {
      out += escaped.substr(i, end - i);
    }
    i = end;
  }
  return out;
}

http_reply person_posts(slack_state& slack, const nlohmann::json& body) {
  person_target t = resolve_person(slack, body, nullptr, false);
  if (t.error) return *t.error;
  message m;
  m.user = t.who->id;
  m.content.text = stored_text(slack, body);
  m.client_msg_id = slack.ctx.ids.uuid();
  m.thread_ts = field_string(body, "thread_ts");
  if (!m.thread_ts.empty()) {
    message* parent = slack.ctx.ws.find_message(*t.where, m.thread_ts);
    if (!parent || parent->deleted || parent->is_reply()) {
      return error_reply(404, "no such thread parent: " + m.thread_ts);
    }
  }
  message& stored = publish_message(slack, *t.where, std::move(m));
  return json_reply({{"ok", true}, {"channel", t.where->id}, {"ts", stored.ts}});
}

http_reply person_edits(slack_state& slack, const nlohmann::json& body) {
  person_target t = resolve_person(slack, body, "ts", true);
  if (t.error) return *t.error;
  message_content updated = t.what->content;
  updated.text = stored_text(slack, body);
  publish_edit(slack, *t.where, *t.what, std::move(updated), t.who->id);
  return json_reply({{"ok", true}, {"channel", t.where->id}, {"ts", t.what->ts}});
}

http_reply person_deletes(slack_state& slack, const nlohmann::json& body) {
  person_target t = resolve_person(slack, body, "ts", true);
  if (t.error) return *t.error;
  publish_delete(slack, *t.where, *t.what);
  return json_reply({{"ok", true}, {"channel", t.where->id}, {"ts", t.what->ts}});
}

http_reply person_reacts(slack_state& slack, const nlohmann::json& body) {
  person_target t = resolve_person(slack, body, "ts", false);
  if (t.error) return *t.error;
  std::string name = field_string(body, "reaction");
  std::erase(name, ':');
  if (name.empty()) return error_reply(400, "need a reaction name");
  bool remove = body.contains("remove") && body["remove"] == true;
  auto error = remove ? publish_unreaction(slack, *t.where, *t.what, t.who->id, name)
                      : publish_reaction(slack, *t.where, *t.what, t.who->id, name);
  if (error) return error_reply(409, *error);
  return json_reply({{"ok", true}});
}

}  // namespace chatsim
