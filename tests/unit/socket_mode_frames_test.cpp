// Socket Mode frames (bot/chat/slack/socket_mode_frames): what Slack sends, read into values,
// and the acks we send back, kept under Slack's 20 KiB limit.
#include "bot/chat/slack/socket_mode_frames.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bot/chat/slack/slack_render.hpp"

using namespace oncall;
using nlohmann::json;

namespace {

json slash_payload() {
  return {{"channel_id", "C0ALERTS"}, {"user_id", "U0ALICE"},      {"command", "/oncall"},
          {"text", "ack 42"},         {"trigger_id", "111.222.x"}, {"team_id", "T1"}};
}

json click_payload() {
  return json::parse(R"({
    "type": "block_actions",
    "user": {"id": "U0BOB", "username": "bob"},
    "container": {"type": "message", "message_ts": "1700000001.000100", "channel_id": "C0ALERTS"},
    "trigger_id": "333.444.y",
    "actions": [{"action_id": "ack", "value": "42", "type": "button", "action_ts": "1700000009.1"}]
  })");
}

constexpr std::size_t slack_ack_limit = 20 * 1024;

}  // namespace

TEST_CASE("hello and disconnect frames are recognised with their reason", "[unit][slack]") {
  CHECK(parse_socket_frame(R"({"type":"hello","num_connections":1})").type ==
        socket_frame::kind::hello);
  auto bye = parse_socket_frame(R"({"type":"disconnect","reason":"warning"})");
  CHECK(bye.type == socket_frame::kind::disconnect);
  CHECK(bye.disconnect_reason == "warning");
  CHECK(parse_socket_frame(R"({"type":"disconnect"})").disconnect_reason.empty());
}

TEST_CASE("an envelope carries its id, type, payload and whether it takes a reply",
          "[unit][slack]") {
  json frame = {{"envelope_id", "e-1"},
                {"type", "slash_commands"},
                {"payload", slash_payload()},
                {"accepts_response_payload", true}};
  auto f = parse_socket_frame(frame.dump());
  CHECK(f.type == socket_frame::kind::envelope);
  CHECK(f.envelope_id == "e-1");
  CHECK(f.envelope_type == "slash_commands");
  CHECK(f.payload == slash_payload());
  CHECK(f.accepts_response_payload);

  auto bare = parse_socket_frame(R"({"envelope_id":"e-2","type":"events_api"})");
  CHECK(bare.type == socket_frame::kind::envelope);
  CHECK(bare.payload.is_null());
  CHECK_FALSE(bare.accepts_response_payload);
}

TEST_CASE("frames that are not JSON objects or of no known kind are unknown", "[unit][slack]") {
  for (const char* text :
       {"", "not json", "[]", "42", "{\"type\":\"events_api\"}", "{\"type\":\"hello\"", "{}"}) {
    INFO(text);
    CHECK(parse_socket_frame(text).type == socket_frame::kind::unknown);
  }
}

TEST_CASE("a slash command payload becomes a command with its text unescaped", "[unit][slack]") {
  json p = slash_payload();
  p["text"] = "page db &lt;primary&gt; &amp; replica down";
  auto cmd = slack_command(p);
  REQUIRE(cmd);
  CHECK(cmd->delivery_id == "slack-command:111.222.x");
  CHECK(cmd->user == "U0ALICE");
  CHECK(cmd->channel == "C0ALERTS");
  CHECK(cmd->text == "page db <primary> & replica down");
}

TEST_CASE("a slash command payload missing who, where or its trigger id is refused",
          "[unit][slack]") {
  for (const char* key : {"user_id", "channel_id", "trigger_id"}) {
    INFO(key);
    json p = slash_payload();
    p.erase(key);
    CHECK_FALSE(slack_command(p));
    p[key] = 42;  // not a string
    CHECK_FALSE(slack_command(p));
  }
  CHECK_FALSE(slack_command(json::array()));
  CHECK_FALSE(slack_command(json()));
}

TEST_CASE("a button click becomes a click on the message it sits on", "[unit][slack]") {
  auto click = slack_click(click_payload());
  REQUIRE(click);
  CHECK(click->delivery_id == "slack-click:333.444.y");
  CHECK(click->user == "U0BOB");
  CHECK(click->channel == "C0ALERTS");
  CHECK(click->message_ref == "1700000001.000100");
  CHECK(click->action_id == "ack");
  CHECK(click->value == "42");

  json without_trigger = click_payload();
  without_trigger.erase("trigger_id");
  CHECK(slack_click(without_trigger)->delivery_id == "slack-click:1700000009.1");
}

TEST_CASE("interactions that are not button clicks are not clicks", "[unit][slack]") {
  json other = click_payload();
  other["type"] = "view_submission";
  CHECK_FALSE(slack_click(other));
  json no_actions = click_payload();
  no_actions["actions"] = json::array();
  CHECK_FALSE(slack_click(no_actions));
  json no_user = click_payload();
  no_user.erase("user");
  CHECK_FALSE(slack_click(no_user));
  CHECK_FALSE(slack_click(json("block_actions")));
}

TEST_CASE("an ack echoes the envelope id, with the reply when there is one", "[unit][slack]") {
  CHECK(json::parse(slack_ack("e-1")) == json{{"envelope_id", "e-1"}});
  json reply = {{"text", "You acknowledged #42."}, {"response_type", "ephemeral"}};
  CHECK(json::parse(slack_ack("e-1", reply)) == json{{"envelope_id", "e-1"}, {"payload", reply}});
}

TEST_CASE("a reply too long for Slack is cut to fit under 20 KiB", "[unit][slack]") {
  outbound_message m;
  for (int i = 0; i < 400; ++i)
    m.body.push_back({rt::text("line " + std::to_string(i) + " " + std::string(60, 'x'))});
  json reply = slack_message_body(m);
  reply["response_type"] = "in_channel";
  REQUIRE(reply.dump().size() > slack_ack_limit);

  auto ack = slack_ack("e-1", reply);
  CHECK(ack.size() < slack_ack_limit);
  auto payload = json::parse(ack).at("payload");
  CHECK(payload.at("response_type") == "in_channel");
  CHECK_THAT(payload.at("text").get<std::string>(),
             Catch::StartsWith("line 0 xxx") &&
                 Catch::EndsWith("\n… (cut: the reply was too long for Slack)"));
}

TEST_CASE("a long reply in emoji is cut between characters, not inside one", "[unit][slack]") {
  json reply = {{"text", "a" +
                             [] {
                               std::string s;
                               for (int i = 0; i < 6000; ++i) s += "🔥";
                               return s;
                             }()},
                {"response_type", "ephemeral"}};
  std::string ack;
  REQUIRE_NOTHROW(ack = slack_ack("e-1", reply));
  CHECK(ack.size() < slack_ack_limit);
  auto text = json::parse(ack).at("payload").at("text").get<std::string>();
  CHECK_THAT(text, Catch::StartsWith("a🔥🔥") &&
                       Catch::EndsWith("🔥\n… (cut: the reply was too long for Slack)"));
}

TEST_CASE("a long reply full of characters JSON must escape still fits", "[unit][slack]") {
  json reply = {{"text", std::string(30'000, '"')}, {"response_type", "ephemeral"}};
  auto ack = slack_ack("e-1", reply);
  CHECK(ack.size() < slack_ack_limit);
  CHECK_THAT(
      json::parse(ack).at("payload").at("text").get<std::string>(),
      Catch::StartsWith("\"\"\"") && Catch::EndsWith("(cut: the reply was too long for Slack)"));
}

TEST_CASE("Slack's recorded Socket Mode frames parse (needs ../shared/fixtures)", "[unit][slack]") {
  const std::filesystem::path dir = std::string(ONCALLBOT_SHARED_DIR) + "/fixtures/slack";
  if (!std::filesystem::is_directory(dir)) {
    WARN("skipped: " << dir.string() << " does not exist");
    return;
  }
  auto read = [&](const char* name) {
    std::ifstream in(dir / name, std::ios::binary);
    INFO(name);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };

  auto hello = parse_socket_frame(read("socket_mode_hello.json"));
  CHECK(hello.type == socket_frame::kind::hello);

  auto refresh = parse_socket_frame(read("socket_mode_disconnect_refresh_requested.json"));
  CHECK(refresh.type == socket_frame::kind::disconnect);
  CHECK(refresh.disconnect_reason == "refresh_requested");

  auto slash = parse_socket_frame(read("socket_mode_slash_commands_envelope.json"));
  CHECK(slash.type == socket_frame::kind::envelope);
  CHECK(slash.envelope_id == "1d3c79ab-0ffb-41f3-a080-d19e85f53649");
  CHECK(slash.envelope_type == "slash_commands");
  CHECK(slash.accepts_response_payload);
  auto cmd = slack_command(slash.payload);
  REQUIRE(cmd);
  CHECK(cmd->delivery_id == "slack-command:111.222.xxx");
  CHECK(cmd->user == "U111");
  CHECK(cmd->channel == "C111");
  CHECK(cmd->text.empty());

  auto actions = parse_socket_frame(read("socket_mode_interactive_block_actions_envelope.json"));
  CHECK(actions.type == socket_frame::kind::envelope);
  CHECK(actions.envelope_id == "xxx-11-222-yyy-zzz");
  CHECK(actions.envelope_type == "interactive");
  CHECK_FALSE(actions.accepts_response_payload);
  auto click = slack_click(actions.payload);
  REQUIRE(click);
  CHECK(click->delivery_id == "slack-click:111.222.xxx");
  CHECK(click->user == "U111");
  CHECK(click->channel == "C111");
  CHECK(click->message_ref == "1605853634.000400");
  CHECK(click->action_id == "a");
  CHECK(click->value == "underlying");

  CHECK(json::parse(slack_ack(actions.envelope_id)) == json{{"envelope_id", "xxx-11-222-yyy-zzz"}});
}
