// Slack rendering (bot/chat/slack/slack_render): mrkdwn escaping, mentions, links, the Block
// Kit shapes, and golden files for the announcement as Slack receives it. The message codec
// (bot/chat/message_codec) is here too: effects carry messages in that form.
#include "bot/chat/slack/slack_render.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "bot/chat/message_codec.hpp"
#include "engine_test_support.hpp"

using namespace oncall;
using namespace oncall::test;
using nlohmann::json;

namespace {

// Compares `actual` with the golden file, or rewrites the file when ONCALLBOT_UPDATE_GOLDEN=1.
void check_golden(const std::string& name, const json& actual) {
  const std::string path = std::string(ONCALLBOT_SOURCE_DIR) + "/tests/fixtures/golden/" + name;
  const std::string text = actual.dump(2) + "\n";
  const char* update = std::getenv("ONCALLBOT_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << text;
    WARN("rewrote " << path);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  INFO("golden file " << path << " (ONCALLBOT_UPDATE_GOLDEN=1 rewrites it)");
  REQUIRE(in);
  std::stringstream expected;
  expected << in.rdbuf();
  CHECK(text == expected.str());
}

json section_text(const json& blocks, std::size_t i) {
  return blocks.at(i).at("text").at("text");
}

}  // namespace

TEST_CASE("Slack escaping touches exactly &, < and >", "[unit][slack]") {
  CHECK(slack_escape("a & b < c > d") == "a &amp; b &lt; c &gt; d");
  CHECK(slack_escape("it's \"fine\" *really* _now_ ~x~ `y` é 🎉") ==
        "it's \"fine\" *really* _now_ ~x~ `y` é 🎉");
  CHECK(slack_escape("&amp;") == "&amp;amp;");
  for (const char* s : {"", "<!channel> & <@U1|x>", "&lt;", "a&b&&c>>"}) {
    CHECK(slack_unescape(slack_escape(s)) == s);
  }
  CHECK(slack_unescape("&lt;!here&gt; &amp;lt; &quot;") == "<!here> &lt; &quot;");
}

TEST_CASE("special mentions in alert text stay text and ping nobody", "[unit][slack]") {
  rich_text t = {rt::text("disk full <!channel> <!here|here> <@U0BOB> <https://evil.example|x>")};
  auto out = slack_mrkdwn(t);
  CHECK(out ==
        "disk full &lt;!channel&gt; &lt;!here|here&gt; &lt;@U0BOB&gt; "
        "&lt;https://evil.example|x&gt;");
  CHECK(out.find('<') == std::string::npos);
}

TEST_CASE("mentions of valid user ids notify; anything else is shown as text", "[unit][slack]") {
  CHECK(slack_mrkdwn({rt::mention("U0ALICE")}) == "<@U0ALICE>");
  CHECK(slack_mrkdwn({rt::mention("W123ABC")}) == "<@W123ABC>");
  CHECK(slack_mrkdwn({rt::mention("alice")}) == "@alice");
  CHECK(slack_mrkdwn({rt::mention("U1><!channel")}) == "@U1&gt;&lt;!channel");
  CHECK(slack_mrkdwn({rt::mention("U1|x")}) == "@U1|x");
  CHECK(slack_mrkdwn({rt::mention("")}) == "@");
  CHECK(slack_mrkdwn({rt::mention(std::string(33, 'U'))}) == "@" + std::string(33, 'U'));
}

TEST_CASE("links become Slack links only for http and https", "[unit][slack]") {
  CHECK(slack_mrkdwn({rt::link("runbook", "https://runbooks.example/a?x=1&y=2")}) ==
        "<https://runbooks.example/a?x=1&amp;y=2|runbook>");
  CHECK(slack_mrkdwn({rt::link("dash", "http://grafana:3000/d/1")}) ==
        "<http://grafana:3000/d/1|dash>");
  CHECK(slack_mrkdwn({rt::link("a|b <c>", "https://x.example")}) ==
        "<https://x.example|a/b &lt;c&gt;>");
  // Not http(s), or a URL that would break out of the link: the label alone, as text.
  for (const char* url :
       {"javascript:alert(1)", "slack://channel?id=C1", "ftp://x.example/f",
        "https://x.example|<!channel>", "https://x.example/a b", "https://x.example/>", ""}) {
    INFO(url);
    CHECK(slack_mrkdwn({rt::link("runbook <1>", url)}) == "runbook &lt;1&gt;");
  }
}

TEST_CASE("bold and code spans cannot be closed early by their text", "[unit][slack]") {
  CHECK(slack_mrkdwn({rt::bold("SEV1 *now*")}) == "*SEV1 +now+*");
  CHECK(slack_mrkdwn({rt::code("/oncall `rm`")}) == "`/oncall 'rm'`");
  CHECK(slack_mrkdwn({rt::bold("a & <b>")}) == "*a &amp; &lt;b&gt;*");
  CHECK(slack_mrkdwn({rt::text("Acked by "), rt::mention("U0BOB"), rt::text(".")}) ==
        "Acked by <@U0BOB>.");
}

TEST_CASE("a message becomes section, fields, context and actions blocks", "[unit][slack]") {
  outbound_message m;
  m.headline = {rt::bold("#7 SEV2"), rt::text(" db <down>")};
  m.body = {{rt::text("first")}, {rt::text("second")}};
  m.fields = {{"State", {rt::bold("Triggered")}}, {"Paging", {rt::mention("U0ALICE")}}};
  m.context = {{rt::link("runbook", "https://r.example")}};
  m.buttons = {{"ack", "Ack", "7", button::style::primary},
               {"escalate", "Escalate", "7", button::style::danger},
               {"resolve", "Resolve", "7", button::style::normal}};

  auto blocks = slack_blocks(m);
  REQUIRE(blocks.size() == 6);
  CHECK(blocks[0] == json::parse(R"({"type":"section","text":{"type":"mrkdwn",
                                   "text":"*#7 SEV2* db &lt;down&gt;"}})"));
  CHECK(section_text(blocks, 1) == "first");
  CHECK(section_text(blocks, 2) == "second");
  CHECK(blocks[3] == json::parse(R"({"type":"section","fields":[
                                   {"type":"mrkdwn","text":"*State*\n*Triggered*"},
                                   {"type":"mrkdwn","text":"*Paging*\n<@U0ALICE>"}]})"));
  CHECK(blocks[4] == json::parse(R"({"type":"context","elements":[
                                   {"type":"mrkdwn","text":"<https://r.example|runbook>"}]})"));
  CHECK(blocks[5] == json::parse(R"({"type":"actions","elements":[
      {"type":"button","action_id":"ack","value":"7","style":"primary",
       "text":{"type":"plain_text","text":"Ack","emoji":true}},
      {"type":"button","action_id":"escalate","value":"7","style":"danger",
       "text":{"type":"plain_text","text":"Escalate","emoji":true}},
      {"type":"button","action_id":"resolve","value":"7",
       "text":{"type":"plain_text","text":"Resolve","emoji":true}}]})"));
}

TEST_CASE("a section shows at most ten fields", "[unit][slack]") {
  outbound_message m;
  for (int i = 0; i < 12; ++i) m.fields.push_back({"f" + std::to_string(i), {rt::text("v")}});
  auto blocks = slack_blocks(m);
  REQUIRE(blocks.size() == 1);
  CHECK(blocks[0].at("fields").size() == 10);
}

TEST_CASE("the notification text is the headline and body, escaped", "[unit][slack]") {
  outbound_message m;
  m.headline = {rt::text("🔴 "), rt::bold("#1 SEV1"), rt::text(" <!channel> down")};
  m.body = {{rt::text("see "), rt::mention("U0BOB")}};
  auto body = slack_message_body(m);
  CHECK(body.at("text") == "🔴 *#1 SEV1* &lt;!channel&gt; down\nsee <@U0BOB>");
  CHECK(body.at("blocks") == slack_blocks(m));

  outbound_message fields_only;
  fields_only.fields = {{"State & more", {rt::text("x")}}};
  CHECK(slack_fallback(fields_only) == "State &amp; more");
  CHECK(slack_blocks(outbound_message{}).empty());
}

TEST_CASE("a message survives the trip through storage unchanged", "[unit][slack]") {
  outbound_message m;
  m.headline = {rt::text("🔴 "), rt::bold("#1 SEV1"), rt::code("x"), rt::mention("U0BOB"),
                rt::link("runbook", "https://r.example/?a=1&b=\"2\"")};
  m.body = {{rt::text("line one\nline two <!channel>")}, {}};
  m.fields = {{"State", {rt::bold("Triggered")}}, {"Empty", {}}};
  m.buttons = {{"ack", "Ack", "1", button::style::primary},
               {"resolve", "Resolve", "1", button::style::normal},
               {"rate_false_alarm", "False alarm", "1", button::style::danger}};
  m.context = {{rt::text("small print")}};
  CHECK(message_from_json(message_to_json(m)) == m);
  CHECK(message_from_json(message_to_json(outbound_message{})) == outbound_message{});
  CHECK_THROWS(message_from_json("{\"headline\": []}"));
}

TEST_CASE("announcements render to the Block Kit in the golden files", "[unit][slack]") {
  engine_fixture f;
  incident inc;
  inc.id = 42;
  inc.key = "alertmanager:{}:{alertname=\"HighErrorRate\"}";
  inc.title = "HighErrorRate on checkout: 5xx above 5% <!channel> & rising";
  inc.source = "alertmanager";
  inc.severity = 1;
  inc.policy = "default";
  inc.opened_at = test_start();
  inc.next_escalation_at = test_start() + 5min;
  inc.links = {{"runbook", "https://runbooks.example/checkout/5xx"},
               {"dashboard", "https://grafana.example/d/checkout?from=now-1h&to=now"},
               {"source", "javascript:alert(1)"}};
  inc.alert_count = 3;
  inc.firing_count = 2;

  SECTION("triggered") {
    check_golden("slack_announcement_triggered.json",
                 slack_message_body(f.engine.announcement(inc)));
  }
  SECTION("acknowledged with a lease, after escalating to level 2") {
    inc.level = 1;
    inc = acknowledge(inc, "bob", test_start() + 7min, duration{30min}).value();
    check_golden("slack_announcement_acknowledged.json",
                 slack_message_body(f.engine.announcement(inc)));
  }
  SECTION("resolved, asking for a rating") {
    inc.firing_count = 0;
    inc = resolve(inc, "alice", test_start() + 40min).value();
    check_golden("slack_announcement_resolved.json",
                 slack_message_body(f.engine.announcement(inc)));
  }
}
