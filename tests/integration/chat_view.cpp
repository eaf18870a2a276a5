// The Slack and Mattermost views over chatsim's control API (tests/chatsim/README.md).
#include "chat_view.hpp"

#include <stdexcept>

namespace oncall::testing {

namespace {

std::string capitalized_id(const std::string& person) {
  std::string id = "U0";
  for (char c : person) id += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return id;
}

// Mattermost button ids are the action ids without underscores.
std::string mattermost_button_id(const std::string& action_id) {
  std::string id;
  for (char c : action_id) {
    if (std::isalnum(static_cast<unsigned char>(c))) id += c;
  }
  return id;
}

const char* command_token = "sim-command-token";

// The bot's messages among chatsim's Slack readback messages.
std::vector<chat_message> slack_bot_messages(const json& messages) {
  std::vector<chat_message> out;
  for (const auto& m : messages) {
    if (m.value("user", "") != "U0BOT") continue;
    chat_message cm;
    cm.ref = m.value("ts", "");
    auto thread = m.value("thread_ts", "");
    cm.thread = thread == cm.ref ? "" : thread;
    cm.text = m.value("text", "") + "\n" + (m.contains("blocks") ? m["blocks"].dump() : "");
    cm.raw = m;
    out.push_back(std::move(cm));
  }
  return out;
}

// The bot's posts among chatsim's Mattermost readback posts.
std::vector<chat_message> mattermost_bot_posts(const json& posts) {
  std::vector<chat_message> out;
  for (const auto& p : posts) {
    if (p.value("user_name", "") != "oncallbot") continue;
    chat_message cm;
    cm.ref = p.value("id", "");
    cm.thread = p.value("root_id", "");
    cm.text = p.value("message", "") + "\n" + (p.contains("props") ? p["props"].dump() : "");
    cm.raw = p;
    out.push_back(std::move(cm));
  }
  return out;
}

// The channel id of a DM readback ({channel: {id} or null, …}), or "".
std::string readback_channel_id(const json& dm) {
  return dm.contains("channel") && dm["channel"].is_object() ? dm["channel"].value("id", "") : "";
}

}  // namespace

std::vector<chat_message> chat_view::top_level(const std::string& channel) {
  std::vector<chat_message> out;
  for (auto& m : bot_messages(channel)) {
    if (m.top_level()) out.push_back(std::move(m));
  }
  return out;
}

std::vector<chat_message> chat_view::replies(const std::string& channel, const std::string& ref) {
  std::vector<chat_message> out;
  for (auto& m : bot_messages(channel)) {
    if (m.thread == ref) out.push_back(std::move(m));
  }
  return out;
}

// --- Slack

std::string slack_view::chat_yaml() const {
  return "chat:\n"
         "  platform: slack\n"
         "  alerts_channel: \"#alerts\"\n"
         "  slack:\n"
         "    app_token: xapp-sim-app\n"
         "    bot_token: xoxb-sim-bot\n"
         "    signing_secret: " + std::string(slack_signing_secret) + "\n"
         "    api_url: " + sim_.api_url() + "\n";
}

std::string slack_view::person_yaml(const std::string& person) const { return "slack: " + capitalized_id(person); }
std::string slack_view::mention(const std::string& person) const { return "<@" + capitalized_id(person) + ">"; }

std::vector<chat_message> slack_view::bot_messages(const std::string& channel) {
  return slack_bot_messages(sim_.messages(channel));
}

std::vector<chat_message> slack_view::direct_messages(const std::string& person) {
  auto dm = sim_.get("/_sim/dms/" + capitalized_id(person) + "/messages");
  return slack_bot_messages(dm.value("messages", json::array()));
}

std::string slack_view::dm_channel(const std::string& person) {
  return readback_channel_id(sim_.get("/_sim/dms/" + capitalized_id(person) + "/messages"));
}

chat_answer slack_view::command(const std::string& person, const std::string& channel, const std::string& text) {
  auto r = sim_.command(capitalized_id(person), channel, text);
  return {r.value("acked", false), r.contains("ack_payload") ? r["ack_payload"].dump() : "", r};
}

chat_answer slack_view::click(const std::string& person, const std::string& channel, const std::string& ref,
                              const std::string& action_id) {
  auto r = sim_.click(capitalized_id(person), channel, ref, action_id);
  std::string reply;
  for (const auto& e : sim_.ephemeral(channel)) reply += e.value("text", "") + "\n";
  return {r.value("acked", false), reply, r};
}

bool slack_view::has_button(const chat_message& m, const std::string& action_id) const {
  if (!m.raw.contains("blocks")) return false;
  for (const auto& block : m.raw["blocks"]) {
    if (block.value("type", "") != "actions") continue;
    for (const auto& e : block["elements"]) {
      if (e.value("action_id", "") == action_id) return true;
    }
  }
  return false;
}

int slack_view::post_calls() { return sim_.get("/_sim/stats")["api_calls"].value("chat.postMessage", 0); }
void slack_view::hang_posts() { sim_.post("/_sim/faults", {{"method", "chat.postMessage"}, {"mode", "hang"}}); }
void slack_view::drop_sockets() { sim_.post("/_sim/slack/drop_sockets", json::object()); }
int slack_view::connections_opened() { return sim_.get("/_sim/stats").value("connections_opened", 0); }

// --- Mattermost

std::string mattermost_view::chat_yaml() const {
  return "chat:\n"
         "  platform: mattermost\n"
         "  alerts_channel: \"alerts\"\n"
         "  mattermost:\n"
         "    url: http://127.0.0.1:" + std::to_string(sim_.port()) + "\n"
         "    token: mm-sim-bot-token\n"
         "    team: ops\n"
         "    command_token: " + command_token + "\n";
}

std::string mattermost_view::person_yaml(const std::string& person) const { return "mattermost: " + person; }
std::string mattermost_view::mention(const std::string& person) const { return "@" + person; }

void mattermost_view::connect_bot(bot& b) {
  sim_.post("/_sim/mattermost/commands", {{"trigger", "oncall"},
                                          {"url", b.webhook_url("/mattermost/command")},
                                          {"token", command_token}});
}

std::vector<chat_message> mattermost_view::bot_messages(const std::string& channel) {
  auto dump = sim_.get("/_sim/mattermost/channels/" + channel + "/posts");
  return mattermost_bot_posts(dump.value("posts", json::array()));
}

std::vector<chat_message> mattermost_view::direct_messages(const std::string& person) {
  auto dm = sim_.get("/_sim/mattermost/dms/" + person + "/posts");
  return mattermost_bot_posts(dm.value("posts", json::array()));
}

std::string mattermost_view::dm_channel(const std::string& person) {
  return readback_channel_id(sim_.get("/_sim/mattermost/dms/" + person + "/posts"));
}

chat_answer mattermost_view::command(const std::string& person, const std::string& channel,
                                     const std::string& text) {
  auto r = sim_.post("/_sim/mattermost/command", {{"user", person}, {"channel", channel}, {"text", text}});
  std::string reply;
  if (r.contains("response")) {
    reply = r["response"].is_object() ? r["response"].value("text", "") : r["response"].dump();
  }
  return {r.value("status", 0) == 200, reply, r};
}

chat_answer mattermost_view::click(const std::string& person, const std::string& channel, const std::string& ref,
                                   const std::string& action_id) {
  auto r = sim_.post("/_sim/mattermost/click", {{"user", person}, {"channel", channel}, {"post_id", ref},
                                                 {"action_id", mattermost_button_id(action_id)}});
  auto text = r.contains("ephemeral_text") && r["ephemeral_text"].is_string() ? r["ephemeral_text"].get<std::string>() : "";
  return {r.value("status", 0) == 200, text, r};
}

bool mattermost_view::has_button(const chat_message& m, const std::string& action_id) const {
  auto id = mattermost_button_id(action_id);
  if (!m.raw.contains("props") || !m.raw["props"].contains("attachments")) return false;
  for (const auto& a : m.raw["props"]["attachments"]) {
    for (const auto& action : a.value("actions", json::array())) {
      if (action.value("id", "") == id) return true;
    }
  }
  return false;
}

int mattermost_view::post_calls() {
  auto calls = sim_.get("/_sim/stats").value("mattermost_api_calls", json::object());
  int n = 0;
  for (const auto& [route, count] : calls.items()) {
    if (route.find("posts") != std::string::npos && route.find("POST") != std::string::npos &&
        route.find("ephemeral") == std::string::npos && count.is_number()) {
      n += count.get<int>();
    }
  }
  return n;
}

void mattermost_view::hang_posts() {
  sim_.post("/_sim/faults", {{"method", "POST /api/v4/posts"}, {"mode", "hang"}});
}

void mattermost_view::drop_sockets() { sim_.post("/_sim/mattermost/drop_sockets", json::object()); }

int mattermost_view::connections_opened() {
  return sim_.get("/_sim/stats").value("mattermost_connections_opened", 0);
}

}  // namespace oncall::testing
