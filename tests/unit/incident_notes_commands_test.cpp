// /oncall sev, lead, status, note, cause, followup, followups and timeline, typed against the
// real engine and an in-memory store: what the caller reads back, what the room and the timeline
// get, and that refused input changes nothing.
#include <algorithm>
#include <catch2/catch.hpp>

#include "bot/chat/mattermost/mattermost_render.hpp"
#include "bot/chat/message_codec.hpp"
#include "bot/chat/slack/slack_render.hpp"
#include "handler_test_support.hpp"

using namespace oncall;
using namespace oncall::test;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The messages the bot will post in incident rooms, oldest first.
std::vector<outbound_message> room_posts(handler_fixture& f) {
  std::vector<outbound_message> out;
  for (const auto& e : f.effects_of_kind(effect_kind::thread_post))
    out.push_back(message_from_json(e.payload));
  return out;
}

std::string last_room_post(handler_fixture& f) {
  auto posts = room_posts(f);
  REQUIRE_FALSE(posts.empty());
  return plain_text(posts.back());
}

timeline_entry last_entry(handler_fixture& f, std::int64_t id) {
  auto entries = f.store.timeline(id);
  REQUIRE_FALSE(entries.empty());
  return entries.back();
}

// Every refused command: says why, shows the usage, and leaves every table and the incident
// exactly as they were.
void refused(handler_fixture& f, std::int64_t id,
             const std::vector<std::pair<std::string, std::string>>& cases,
             const std::string& usage) {
  auto before = f.footprint();
  auto inc_before = f.get(id);
  for (const auto& [text, why] : cases) {
    INFO(text);
    auto said = f.say(alice, text);
    CHECK(contains(said, why));
    CHECK(contains(said, "Usage: /oncall " + usage));
  }
  CHECK(f.footprint() == before);
  CHECK(f.get(id) == inc_before);
}

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

}  // namespace

// sev

TEST_CASE("sev sets the severity by hand, updates the announcement and tells the room",
          "[component][handlers][notes]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000001.000100");
  auto syncs = f.effects_of_kind(effect_kind::sync).size();
  CHECK(f.say(alice, "sev 1") == "#1 is now SEV1; alerts no longer change it.");
  auto inc = f.get(id);
  CHECK(inc.severity == 1);
  CHECK(inc.severity_set_by_hand);
  CHECK(f.effects_of_kind(effect_kind::sync).size() == syncs + 1);
  CHECK(plain_text(f.engine.announcement(inc).headline).find("#1 SEV1") != std::string::npos);
  CHECK(last_entry(f, id).kind == "severity");
  CHECK(last_entry(f, id).text == "severity set to SEV1 by hand (was SEV3)");
  CHECK(last_entry(f, id).author == "alice");
  CHECK(last_room_post(f) == "Severity set to SEV1 by alice (was SEV3).");

  // Pinned: a milder alert joining the incident no longer changes it.
  f.engine.ingest(batch("group-1700000001.000100", {firing("fp-late", "late", 4)}));
  CHECK(f.get(id).severity == 1);
  CHECK(f.say(bob, "sev critical #1") ==
        "Sorry: #1 is SEV1 already. Usage: /oncall sev <1-4> [ID]");
  CHECK(f.say(bob, "sev SEV2 1") == "#1 is now SEV2; alerts no longer change it.");
}

TEST_CASE("bad sev input says what is wrong and changes nothing", "[component][handlers][notes]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000001.000100");
  refused(f, id,
          {{"sev", "sev needs a severity from 1 (worst) to 4"},
           {"sev 5", "severity must be 1 to 4 (1 = worst), not '5'"},
           {"sev 0", "severity must be 1 to 4"},
           {"sev high", "not 'high'"},
           {"sev 1 x", "'x' is not an incident id"},
           {"sev 1 2 3", "sev takes a severity and at most an incident id"},
           {"sev 1 99", "there is no incident #99"}},
          "sev <1-4> [ID]");
  CHECK(contains(f.say(stranger, "sev 1"), "not in oncallbot's people list"));
  f.incident_announced_at("1700000002.000100");
  CHECK(contains(f.say(alice, "sev 1"), "which incident? Open here: #1, #2"));
  CHECK(f.get(id).severity == 3);
}

// lead

TEST_CASE("lead makes a person the incident lead, shown on the announcement and told in the room",
          "[component][handlers][notes]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000001.000100");
  CHECK(f.say(alice, "lead <@U0BOB|bob>") == "@U0BOB is now the lead of #1.");
  CHECK(f.get(id).lead == "bob");
  CHECK(last_entry(f, id).kind == "lead");
  CHECK(last_entry(f, id).text == "lead is now bob");
  CHECK(last_room_post(f) == "@U0BOB is now the incident lead (set by alice).");
  auto fields = f.engine.announcement(f.get(id)).fields;
  auto lead =
      std::find_if(fields.begin(), fields.end(), [](const field& x) { return x.label == "Lead"; });
  REQUIRE(lead != fields.end());
  CHECK(lead->value == rich_text{rt::mention("U0BOB")});
  CHECK(f.say(bob, "lead @alice #1") == "@U0ALICE is now the lead of #1.");
  CHECK(f.say(bob, "lead alice 1") ==
        "Sorry: alice is the lead of #1 already. Usage: /oncall lead @user [ID]");
}

TEST_CASE("an announcement without a lead has no Lead field", "[component][handlers][notes]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000001.000100");
  for (const auto& x : f.engine.announcement(f.get(id)).fields) CHECK(x.label != "Lead");
}

TEST_CASE("bad lead input says what is wrong and changes nothing", "[component][handlers][notes]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000001.000100");
  refused(f, id,
          {{"lead", "lead needs a person, like @alice"},
           {"lead @mallory", "'@mallory' is not in oncallbot's people list"},
           {"lead <@U0NOBODY>", "'<@U0NOBODY>' is not in oncallbot's people list"},
           {"lead @bob x", "'x' is not an incident id"},
           {"lead @bob 1 2", "lead takes a person and at most an incident id"},
           {"lead @bob 7", "there is no incident #7"}},
          "lead @user [ID]");
}

// status

TEST_CASE("status posts the update in the room and marks it a key event",
          "[component][handlers][notes]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000001.000100");
  CHECK(f.say(alice, "status failing over to the replica, next update in 15m") ==
        "Posted your status update in the room of #1.");
  auto e = last_entry(f, id);
  CHECK(e.kind == "status");
  CHECK(e.text == "failing over to the replica, next update in 15m");
  CHECK(e.key_event);
  CHECK(last_room_post(f) ==
        "Status update from @U0ALICE: failing over to the replica, next update in 15m");

  // #ID names the incident; a bare number is text.
  f.incident_announced_at("1700000002.000100", "C0OTHER");
  CHECK(f.say(bob, "status #2 3 pods restarting") ==
        "Posted your status update in the room of #2.");
  CHECK(last_entry(f, 2).text == "3 pods restarting");
  CHECK(f.say(bob, "status 3 pods back") == "Posted your status update in the room of #1.");
  CHECK(last_entry(f, id).text == "3 pods back");
}

TEST_CASE("hostile status text stays text in the room post on both platforms",
          "[component][handlers][notes]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  const std::string hostile = "<!channel> @here *bold* [x](https://evil.example) <@U0BOB> שלום 🔥";
  f.say(alice, "status \"" + hostile + "\"");
  auto post = room_posts(f).back();
  REQUIRE(post.body.size() == 1);
  for (const auto& s : post.body[0]) {
    if (s.type == span::kind::mention) CHECK(s.value == "U0ALICE");  // only the author is mentioned
  }
  auto slack = slack_mrkdwn(post.body[0]);
  CHECK_FALSE(contains(slack, "<!channel>"));
  CHECK(contains(slack, "&lt;!channel&gt;"));
  CHECK_FALSE(contains(slack, "<@U0BOB>"));
  auto mattermost = mattermost_markdown(post.body[0]);
  CHECK_FALSE(contains(mattermost, "@here"));
  CHECK(contains(mattermost, "שלום 🔥"));
}

TEST_CASE("bad status input says what is wrong and changes nothing",
          "[component][handlers][notes]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000001.000100");
  refused(f, id,
          {{"status", "status needs the update itself"},
           {"status #1", "status needs the update itself"},
           {"status \"   \"", "a status update needs some text"},
           {"status #9 all good", "there is no incident #9"},
           {"status " + std::string(1001, 'x'),
            "a status update is 1001 characters long; keep it to 1000"}},
          "status [#ID] <text>");
}

// note

TEST_CASE("note adds to the timeline without posting in the room", "[component][handlers][notes]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000001.000100");
  auto posts = room_posts(f).size();
  CHECK(f.say(bob, "note replica lag was 40s at 05:02") == "Noted on the timeline of #1.");
  CHECK(last_entry(f, id).kind == "note");
  CHECK(last_entry(f, id).text == "replica lag was 40s at 05:02");
  CHECK(last_entry(f, id).author == "bob");
  CHECK_FALSE(last_entry(f, id).key_event);
  CHECK(room_posts(f).size() == posts);
  // Resolved incidents still take notes, named by id.
  REQUIRE(f.engine.resolve(id, alice, ""));
  CHECK(f.say(bob, "note #1 the disk filled because of debug logging") ==
        "Noted on the timeline of #1.");
  // 1000 characters (not bytes) are fine: 1000 emoji are 4000 bytes.
  std::string emoji;
  for (int i = 0; i < 1000; ++i) emoji += "🔥";
  CHECK(f.say(bob, "note #1 " + emoji) == "Noted on the timeline of #1.");
}

TEST_CASE("bad note input says what is wrong and changes nothing", "[component][handlers][notes]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000001.000100");
  refused(f, id,
          {{"note", "note needs the text to note"},
           {"note \"\"", "note needs the text to note"},
           {"note #2 hello", "there is no incident #2"}},
          "note [#ID] <text>");
  CHECK(contains(f.say(stranger, "note hello"), "not in oncallbot's people list"));
}

// cause

TEST_CASE("cause records the root-cause category and text on the incident",
          "[component][handlers][notes]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000001.000100");
  CHECK(f.get(id).cause == root_cause::unknown);
  CHECK(f.say(alice, "cause deploy config push 4.2.1 halved the pool size") ==
        "Root cause of #1: deploy (changes in the last deployment: code or configuration).");
  CHECK(f.get(id).cause == root_cause::deploy);
  CHECK(f.get(id).cause_text == "config push 4.2.1 halved the pool size");
  CHECK(last_entry(f, id).kind == "cause");
  CHECK(last_entry(f, id).text == "deploy: config push 4.2.1 halved the pool size");
  CHECK(f.say(alice, "cause #1 Third-Party") ==
        "Root cause of #1: third-party (hardware, provider, network, third-party API).");
  CHECK(f.get(id).cause == root_cause::third_party);
  CHECK(f.get(id).cause_text.empty());
  CHECK(last_entry(f, id).text == "third-party");
  CHECK(f.say(alice, "cause scale") ==
        "Root cause of #1: scale (exists at scale: traffic, bottlenecks, limits).");
  CHECK(f.say(alice, "cause unknown") == "Root cause of #1: unknown (not known yet).");
  CHECK(f.get(id).cause == root_cause::unknown);
}

TEST_CASE("bad cause input says what is wrong and changes nothing",
          "[component][handlers][notes]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000001.000100");
  refused(f, id,
          {{"cause", "cause needs a category: deploy, scale, third-party or unknown"},
           {"cause #1", "cause needs a category"},
           {"cause dns it was dns",
            "'dns' is not a root-cause category; use deploy, scale, third-party or unknown"},
           {"cause #4 deploy", "there is no incident #4"}},
          "cause [#ID] <deploy|scale|third-party|unknown> [text]");
}

// followup, followups

TEST_CASE("followup adds action items with an optional owner, and followups lists them",
          "[component][handlers][notes]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000001.000100");
  CHECK(f.say(alice, "followups") ==
        "No follow-ups for #1 yet.\nAdd one with /oncall followup <text> [@owner].");
  CHECK(f.say(alice, "followup alert on connection pool saturation <@U0BOB|bob>") ==
        "Added follow-up F1 to #1, owned by @U0BOB. Close it with /oncall followup done 1.");
  CHECK(f.say(bob, "followup #1 write down the failover steps") ==
        "Added follow-up F2 to #1. Close it with /oncall followup done 2.");
  CHECK(last_entry(f, id).kind == "followup");
  CHECK(last_entry(f, id).text == "F2: write down the failover steps");
  auto items = f.store.followups(id);
  REQUIRE(items.size() == 2);
  CHECK(items[0].owner == "bob");
  CHECK(items[0].created_by == "alice");
  CHECK(items[1].owner.empty());

  CHECK(f.say(bob, "followup done F1") == "Closed F1: alert on connection pool saturation");
  CHECK(last_entry(f, id).text == "F1 done: alert on connection pool saturation");
  CHECK(f.say(alice, "followups #1") ==
        "Follow-ups of #1: 1 open, 1 done\n"
        "F1 [done] alert on connection pool saturation — owner @U0BOB, closed by bob at "
        "2026-11-24T05:00:00Z\n"
        "F2 [open] write down the failover steps — no owner");

  // After the resolve nothing is open in the channel: ids still work, and done N needs none.
  REQUIRE(f.engine.resolve(id, alice, ""));
  CHECK(f.say(alice, "followup #1 add a runbook @alice") ==
        "Added follow-up F3 to #1, owned by @U0ALICE. Close it with /oncall followup done 3.");
  CHECK(f.say(alice, "followup done 2") == "Closed F2: write down the failover steps");
  CHECK(contains(f.say(alice, "followups 1"), "2 done"));
}

TEST_CASE("bad followup input says what is wrong and changes nothing",
          "[component][handlers][notes]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000001.000100");
  REQUIRE(contains(f.say(alice, "followup fix the alert"), "Added follow-up F1"));
  REQUIRE(contains(f.say(alice, "followup done 1"), "Closed F1"));
  refused(f, id,
          {{"followup", "followup needs the action item itself"},
           {"followup @bob", "followup needs the action item itself"},
           {"followup fix the pool @mallory", "'@mallory' is not in oncallbot's people list"},
           {"followup #3 fix the pool", "there is no incident #3"},
           {"followup done", "to close a follow-up write followup done N"},
           {"followup done 1 2", "to close a follow-up write followup done N"},
           {"followup done soon", "'soon' is not a follow-up number; write it like 3 or F3"},
           {"followup done 9", "there is no follow-up F9"},
           {"followup done 1", "F1 is done already (closed by alice at 2026-11-24T05:00:00Z)"}},
          "followup [#ID] <text> [@owner] | followup done <N>");
}

TEST_CASE("bad followups input says what is wrong", "[component][handlers][notes]") {
  handler_fixture f;
  f.incident_announced_at("1700000001.000100");
  CHECK(contains(f.say(alice, "followups x"), "'x' is not an incident id"));
  CHECK(contains(f.say(alice, "followups 1 2"), "followups takes at most an incident id"));
  CHECK(contains(f.say(alice, "followups 5"), "there is no incident #5"));
  // Reading is open to everyone.
  CHECK(contains(f.say(stranger, "followups"), "No follow-ups for #1 yet."));
}

// timeline

TEST_CASE("timeline shows what happened in order, key events marked",
          "[component][handlers][notes]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000001.000100");
  REQUIRE(f.engine.ack(id, alice, std::nullopt));
  f.clock.advance(2min);
  f.say(alice, "status failing over");
  f.clock.advance(1min);
  f.say(bob, "note the replica is healthy");
  f.say(bob, "sev 2");
  auto text = f.say(stranger, "timeline");
  CHECK(text ==
        "Timeline of #1 Alert 1700000001.000100\n"
        "2026-11-24T05:00:00Z alert alertmanager: Alert 1700000001.000100 (1 firing)\n"
        "2026-11-24T05:00:00Z page oncallbot: paged @U0ALICE\n"
        "2026-11-24T05:00:00Z ack alice: acknowledged\n"
        "2026-11-24T05:02:00Z 📌 status alice: failing over\n"
        "2026-11-24T05:03:00Z note bob: the replica is healthy\n"
        "2026-11-24T05:03:00Z severity bob: severity set to SEV2 by hand (was SEV3)");
  CHECK(f.say(alice, "timeline #1") == text);
  CHECK(contains(f.say(alice, "timeline x"), "'x' is not an incident id"));
  CHECK(contains(f.say(alice, "timeline 1 2"), "timeline takes at most an incident id"));
}

TEST_CASE("a long timeline shows its newest entries and says how many are left out",
          "[component][handlers][notes]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000001.000100");
  for (int i = 1; i <= 100; ++i) f.say(alice, "note step " + std::to_string(i));
  auto reply = f.run(alice, "timeline");
  CHECK(reply.message.body.size() == 30);
  CHECK(plain_text(reply.message.body.back()) == "2026-11-24T05:00:00Z note alice: step 100");
  CHECK(plain_text(reply.message.body.front()) == "2026-11-24T05:00:00Z note alice: step 71");
  REQUIRE(reply.message.context.size() == 1);
  CHECK(plain_text(reply.message.context[0]) ==
        "Showing the newest 30 of 102 entries; 72 earlier ones are left out to keep this reply "
        "short.");
  CHECK(f.store.timeline(id).size() == 102);
}

TEST_CASE("huge timeline entries are cut to fit one chat message", "[component][handlers][notes]") {
  handler_fixture f;
  auto id = f.incident_announced_at("1700000001.000100");
  // Human messages in the room can be 40 KB; emoji are cut whole.
  std::string huge;
  while (huge.size() < 40000) huge += "🔥<!channel>&";
  for (int i = 0; i < 25; ++i) {
    timeline_entry e;
    e.incident_id = id;
    e.at = f.clock.now();
    e.kind = "message";
    e.author = "U0BOB";
    e.text = huge;
    f.store.append_timeline(e);
  }
  auto reply = f.run(alice, "timeline");
  auto text = plain_text(reply.message);
  CHECK(valid_utf8(text));
  CHECK(text.size() < 6000);
  CHECK(reply.message.body.size() < 25);
  CHECK(contains(plain_text(reply.message.body.back()), "…"));
  REQUIRE(reply.message.context.size() == 1);
  CHECK(contains(plain_text(reply.message.context[0]), "earlier ones are left out"));
  auto blocks = slack_blocks(reply.message);
  CHECK(blocks.size() <= 50);
  for (const auto& b : blocks) {
    if (b.contains("text")) CHECK(b["text"]["text"].get<std::string>().size() <= 3000);
  }
}

TEST_CASE("help lists the incident record commands", "[component][handlers][notes]") {
  handler_fixture f;
  auto help = f.say(alice, "help");
  for (const char* usage : {"/oncall sev <1-4> [ID]", "/oncall lead @user [ID]",
                            "/oncall status [#ID] <text>", "/oncall note [#ID] <text>",
                            "/oncall cause [#ID] <deploy|scale|third-party|unknown> [text]",
                            "/oncall followup [#ID] <text> [@owner]", "/oncall followups [ID]",
                            "/oncall timeline [ID]"}) {
    INFO(usage);
    CHECK(contains(help, usage));
  }
}
