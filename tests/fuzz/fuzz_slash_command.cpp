// Fuzz target: the slash-command path, from what the platform sends to the words a handler sees.
// One input is tried as each thing a platform delivers (the parsers refuse what is not theirs):
//   - a Slack Socket Mode frame → envelope → slash_commands / block_actions payload, and its ack;
//   - a Slack HTTP-mode form body (POST /slack/command, /slack/action);
//   - a Mattermost slash-command form body and a button-click JSON body;
// and every command text found goes through argument splitting and the word parsers (incident
// ids, mentions, instants), as the registry and handlers do.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bot/chat/mattermost/mattermost_requests.hpp"
#include "bot/chat/slack/slack_http_mode.hpp"
#include "bot/chat/slack/socket_mode_frames.hpp"
#include "config/config.hpp"
#include "handlers/arguments.hpp"
#include "handlers/note_arguments.hpp"
#include "tests/fuzz/fuzz_checks.hpp"

using namespace oncall;

namespace {

const std::string mattermost_token = "fuzz-command-token";

const config& people() {
  static const config cfg = [] {
    config c;
    c.people.push_back(person{.name = "alice", .slack = "U0ALICE", .mattermost = "alice.m"});
    c.people.push_back(person{.name = "bob", .slack = "U0BOB"});
    return c;
  }();
  return cfg;
}

// What the registry and the handlers do with a command's text.
void check_text(const std::string& text) {
  std::vector<std::string> words;
  try {
    words = split_arguments(text);
  } catch (const command_error& e) {
    fuzz::require_json_text(e.what());  // shown to the caller
    return;
  }
  const time_point now{};
  for (const auto& word : words) {
    if (auto id = parse_incident_id(word)) fuzz::require(*id > 0, "incident ids are positive");
    if (const person* p = parse_person(people(), word)) fuzz::require(!p->name.empty(), "a named person");
    (void)looks_like_mention(word);
    (void)parse_instant(word, now);
  }
  (void)join_words(words, words.empty() ? 0 : 1);
  (void)take_leading_hash_id(words);
}

// A command goes to the handlers, and its text comes back in replies (JSON on both platforms).
void check_command(const inbound_command& c) {
  fuzz::require_json_text(c.delivery_id);
  fuzz::require_json_text(c.user);
  fuzz::require_json_text(c.channel);
  fuzz::require_json_text(c.text);
  check_text(c.text);
}

void check_click(const inbound_click& c) {
  for (const auto* field : {&c.delivery_id, &c.user, &c.channel, &c.message_ref, &c.action_id, &c.value}) {
    fuzz::require_json_text(*field);
  }
}

void as_socket_frame(std::string_view text) {
  auto frame = parse_socket_frame(text);
  if (frame.type != socket_frame::kind::envelope) return;
  if (auto cmd = slack_command(frame.payload)) {
    check_command(*cmd);
    // The reply goes back in the ack; replies quote what was typed ("Unknown command `…`").
    (void)slack_ack(frame.envelope_id, nlohmann::json{{"text", "Unknown command " + cmd->text}});
  }
  if (auto click = slack_click(frame.payload)) check_click(*click);
  (void)slack_ack(frame.envelope_id);
}

void as_slack_http(const std::string& body) {
  if (auto cmd = slack_command(slack_form_payload(body))) check_command(*cmd);
  if (auto payload = slack_action_payload(body)) {
    if (auto click = slack_click(*payload)) check_click(*click);
  }
}

void as_mattermost(const std::string& body) {
  inbound_http request{.path = "/mattermost/command", .body = body};
  if (auto cmd = mattermost_command(request, mattermost_token); cmd.ok()) {
    check_command(*cmd);
  } else {
    fuzz::require_reportable(cmd.err());
  }
  request.headers["authorization"] = "Token " + mattermost_token;
  if (auto cmd = mattermost_command(request, mattermost_token); cmd.ok()) check_command(*cmd);
  request.path = "/mattermost/action";
  if (auto click = mattermost_action(request, "fuzz-signing-key"); click.ok()) {
    check_click(click->click);
  } else {
    fuzz::require_reportable(click.err());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzz::as_text(data, size);
  as_socket_frame(text);
  const std::string body(text);
  as_slack_http(body);
  as_mattermost(body);
  check_text(body);
  return 0;
}
