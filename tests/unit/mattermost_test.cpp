// Mattermost dialect: escaping, attachments with signed buttons, and verification of the
// requests Mattermost sends the bot.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "bot/chat/mattermost/mattermost_render.hpp"
#include "bot/chat/mattermost/mattermost_requests.hpp"
#include "bot/engine/announcement.hpp"

using namespace oncall;
using nlohmann::json;

namespace {

const mattermost_actions actions{"http://bot.example/mattermost/action", "signing-key"};

inbound_http command_request(const std::string& authorization, const std::string& body) {
  inbound_http r;
  r.path = "/mattermost/command";
  r.body = body;
  if (!authorization.empty()) r.headers["authorization"] = authorization;
  return r;
}

const char* form =
    "channel_id=fukxanjgjbnp7ng383at53k1sy&channel_name=alerts&command=%2Foncall&team_domain=ops"
    "&text=ack+%2342&token=cmdtoken&trigger_id=dHJpZ2dlcg%3D%3D&user_id=erj6qck3rfgtujs86w5r6rckzh&user_name=alice";

}  // namespace

TEST_CASE("Mattermost text defuses @channel and Markdown from alerts", "[unit][mattermost]") {
  auto text = mattermost_markdown({rt::text("@channel *boom* [x](javascript:alert(1)) #1")});
  CHECK(text.find("@channel") == std::string::npos);
  CHECK(text.find("\\*boom\\*") != std::string::npos);
  CHECK(text.find("\\[x\\]") != std::string::npos);
  CHECK(text.find("#1") != std::string::npos);  // '#' only matters at a line start
  CHECK(mattermost_markdown({rt::text("# heading")}) == "\\# heading");
  CHECK(mattermost_markdown({rt::mention("alice")}) == "@alice");
  CHECK(mattermost_markdown({rt::mention("Not A User")}).find("@Not") == std::string::npos);
  CHECK(mattermost_markdown({rt::link("runbook", "https://r.example/x")}) == "[runbook](https://r.example/x)");
  CHECK(mattermost_markdown({rt::link("evil", "javascript:alert(1)")}) == "evil");
}

TEST_CASE("an announcement becomes an attachment whose buttons carry a signed context", "[unit][mattermost]") {
  incident inc;
  inc.id = 7;
  inc.title = "Disk full";
  auto body = mattermost_post_body(render_announcement(inc, {{rt::mention("alice")}, {}, {}}), actions);
  REQUIRE(body["props"]["attachments"].size() == 1);
  auto buttons = body["props"]["attachments"][0]["actions"];
  REQUIRE(buttons.size() == 3);
  CHECK(buttons[0]["id"] == "ack");
  CHECK(buttons[0]["integration"]["url"] == actions.url);
  auto context = buttons[0]["integration"]["context"];
  CHECK(context["action"] == "ack");
  CHECK(context["value"] == "7");
  CHECK(context["sig"] == sign_action(actions.signing_key, "ack", "7"));
  CHECK(body["message"].get<std::string>().find("#7") != std::string::npos);
}

TEST_CASE("a slash command needs the command token, in the header or the form", "[unit][mattermost]") {
  auto ok = mattermost_command(command_request("Token cmdtoken", form), "cmdtoken");
  REQUIRE(ok);
  CHECK(ok->user == "alice");
  CHECK(ok->channel == "fukxanjgjbnp7ng383at53k1sy");
  CHECK(ok->text == "ack #42");
  CHECK(ok->delivery_id == "mattermost-command:dHJpZ2dlcg==");
  CHECK(mattermost_command(command_request("", form), "cmdtoken"));  // form token
  auto wrong = mattermost_command(command_request("Token nope", form), "cmdtoken");
  REQUIRE_FALSE(wrong);
  CHECK(wrong.err().message.find("command_token") != std::string::npos);
  auto unset = mattermost_command(command_request("Token cmdtoken", form), "");
  REQUIRE_FALSE(unset);
  CHECK(unset.err().message.find("set chat.mattermost.command_token") != std::string::npos);
}

TEST_CASE("a button click is accepted only with a context this bot signed", "[unit][mattermost]") {
  json click = {{"user_id", "rd49ehbqyjytddasoownkuqrxe"}, {"user_name", "alice"},
                {"post_id", "gqrnh3675jfxzftnjyjfe4udeh"}, {"channel_id", "j6j53p28k6urx15fpcgsr20psq"},
                {"trigger_id", "abc"},
                {"context", {{"action", "ack"}, {"value", "7"}, {"sig", sign_action("signing-key", "ack", "7")}}}};
  inbound_http r;
  r.body = click.dump();
  auto ok = mattermost_action(r, "signing-key");
  REQUIRE(ok);
  CHECK(ok->click.action_id == "ack");
  CHECK(ok->click.value == "7");
  CHECK(ok->click.message_ref == "gqrnh3675jfxzftnjyjfe4udeh");
  CHECK(ok->user_name == "alice");

  click["context"]["value"] = "8";  // forged: the signature was for incident 7
  r.body = click.dump();
  auto forged = mattermost_action(r, "signing-key");
  REQUIRE_FALSE(forged);
  CHECK(forged.err().field == "context");
  r.body = json{{"user_id", "x"}, {"context", {{"action", "ack"}}}}.dump();
  CHECK_FALSE(mattermost_action(r, "signing-key"));
}

TEST_CASE("Mattermost's documented slash-command request parses (needs ../shared/fixtures)", "[unit][mattermost]") {
  std::ifstream in(ONCALLBOT_SHARED_DIR "/fixtures/mattermost/slash_command_request_docs.form.txt");
  if (!in) {
    WARN("skipped: ../shared/fixtures is not beside the checkout");
    return;
  }
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.pop_back();
  auto fields = parse_form(body);
  auto token = fields.find("token")->second;
  auto cmd = mattermost_command(command_request("Token " + token, body), token);
  REQUIRE(cmd);
  CHECK(cmd->user == "alan");
  CHECK(cmd->text == "toronto week");
}
