// Incident-room events from both platforms (slack_room_events, mattermost_room_events): the
// payloads here are the project's own, written in the shapes of the real ones in
// ../shared/fixtures; the last cases read those originals when the folder is there.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bot/chat/mattermost/mattermost_room_events.hpp"
#include "bot/chat/slack/slack_room_events.hpp"

using namespace oncall;
using nlohmann::json;

namespace {

const slack_self bot{"U0BOT", "B0BOT"};
const mattermost_room_context mm{"ubot0000000000000000000000", "https://chat.example.com", "conn1"};

// An events_api payload (event_callback) around an inner event.
json callback(json event, const std::string& event_id = "Ev0001") {
  return {{"token", "t"},       {"team_id", "T1"},           {"api_app_id", "A1"},
          {"event", event},     {"type", "event_callback"},  {"event_id", event_id},
          {"event_time", 1700000000},
          {"authorizations", json::array({{{"team_id", "T1"}, {"user_id", "U0BOT"}, {"is_bot", true}}})}};
}

json thread_reply(const std::string& ts, const std::string& text, const std::string& user = "U0ALICE") {
  return {{"type", "message"},       {"user", user},          {"text", text},
          {"ts", ts},                {"thread_ts", "1700000000.000100"},
          {"parent_user_id", "U0BOT"}, {"channel", "C0ALERTS"}, {"event_ts", ts},
          {"channel_type", "channel"}, {"client_msg_id", "c1"}};
}

// A Mattermost event frame whose data holds `key` as a JSON string, as the server sends it.
json mm_frame(const std::string& event, const char* key, const json& value, int seq = 7) {
  return {{"event", event},
          {"data", {{key, value.dump()}}},
          {"broadcast", {{"omit_users", nullptr}, {"user_id", ""}, {"channel_id", "calerts0000000000000000000"}, {"team_id", ""}}},
          {"seq", seq}};
}

json mm_post(const std::string& id, const std::string& message, const std::string& root = "root0000000000000000000000",
             const std::string& user = "ualice00000000000000000000") {
  return {{"id", id},           {"create_at", 1700000000123}, {"update_at", 1700000000123},
          {"edit_at", 0},       {"delete_at", 0},             {"is_pinned", false},
          {"user_id", user},    {"channel_id", "calerts0000000000000000000"},
          {"root_id", root},    {"original_id", ""},          {"message", message},
          {"type", ""},         {"props", {{"disable_group_highlight", true}}},
          {"hashtags", ""},     {"pending_post_id", ""},      {"reply_count", 0},
          {"metadata", json::object()}};
}

std::optional<json> shared_fixture(const std::string& path) {
  std::ifstream in(std::string(ONCALLBOT_SHARED_DIR) + "/fixtures/" + path);
  if (!in) return std::nullopt;
  std::stringstream s;
  s << in.rdbuf();
  return json::parse(s.str());
}

}  // namespace

TEST_CASE("a Slack ts is read to the millisecond without going through a float", "[unit][slack][timeline]") {
  CHECK(slack_ts_time("1610241741.000200") == from_millis(1610241741000));
  CHECK(slack_ts_time("1700000000.123456") == from_millis(1700000000123));
  CHECK(slack_ts_time("1700000000") == from_millis(1700000000000));
  CHECK_FALSE(slack_ts_time("").has_value());
  CHECK_FALSE(slack_ts_time("17x.1").has_value());
  CHECK_FALSE(slack_ts_time("1700000000.12a").has_value());
}

TEST_CASE("Slack mrkdwn becomes plain text: mentions, links and the three escapes", "[unit][slack][timeline]") {
  CHECK(slack_plain_text("<@U0ALICE> look at &lt;this&gt; &amp; that") == "@U0ALICE look at <this> & that");
  CHECK(slack_plain_text("<!here> see <#C0OPS|ops>") == "@here see #ops");
  CHECK(slack_plain_text("<https://grafana.example/d/1?a=1&amp;b=2|dashboard>") ==
        "dashboard (https://grafana.example/d/1?a=1&b=2)");
  CHECK(slack_plain_text("<https://example.com>") == "https://example.com");
  CHECK(slack_plain_text("<!subteam^S1|@oncall> ping") == "@oncall ping");
  CHECK(slack_plain_text("a < b without a closing") == "a < b without a closing");
}

TEST_CASE("a person's reply in a Slack thread is a posted room event with its ts, user and time", "[unit][slack][timeline]") {
  auto ev = slack_room_event(callback(thread_reply("1700000100.000200", "db is &lt;slow&gt;")), bot);
  REQUIRE(ev);
  CHECK(ev->what == room_event::kind::posted);
  CHECK(ev->delivery_id == "slack-event:Ev0001");
  CHECK(ev->channel == "C0ALERTS");
  CHECK(ev->thread_ref == "1700000000.000100");
  CHECK(ev->message.ref == "1700000100.000200");
  CHECK(ev->message.user == "U0ALICE");
  CHECK(ev->message.text == "db is <slow>");
  CHECK(ev->message.at == from_millis(1700000100000));
}

TEST_CASE("the bot's own Slack messages and messages nobody wrote are not room events", "[unit][slack][timeline]") {
  auto own = thread_reply("1700000100.000200", "Acknowledged", "U0BOT");
  CHECK_FALSE(slack_room_event(callback(own), bot));
  auto own_bot_id = thread_reply("1700000100.000200", "Acknowledged", "U0OTHER");
  own_bot_id["bot_id"] = "B0BOT";
  CHECK_FALSE(slack_room_event(callback(own_bot_id), bot));
  auto join = thread_reply("1700000100.000200", "<@U0EVE> has joined the channel");
  join["subtype"] = "channel_join";
  CHECK_FALSE(slack_room_event(callback(join), bot));
  CHECK_FALSE(slack_room_event(callback({{"type", "app_mention"}, {"user", "U0ALICE"}, {"ts", "1.2"}}), bot));
  CHECK_FALSE(slack_room_event({{"type", "url_verification"}}, bot));
}

TEST_CASE("another app's message in the thread is kept under its name", "[unit][slack][timeline]") {
  json legacy = {{"type", "message"}, {"subtype", "bot_message"}, {"text", "deploy v42 rolled back"},
                 {"ts", "1700000200.000300"}, {"username", "ci"}, {"bot_id", "B0CI"},
                 {"thread_ts", "1700000000.000100"}, {"channel", "C0ALERTS"}, {"event_ts", "1700000200.000300"}};
  auto ev = slack_room_event(callback(legacy), bot);
  REQUIRE(ev);
  CHECK(ev->message.user == "ci");
  CHECK(ev->message.text == "deploy v42 rolled back");
}

TEST_CASE("files shared in a Slack thread follow the text as links", "[unit][slack][timeline]") {
  auto reply = thread_reply("1700000100.000200", "the heap dump");
  reply["subtype"] = "file_share";
  reply["files"] = json::array({{{"id", "F1"}, {"name", "heap.hprof"}, {"title", "heap dump"},
                                 {"permalink", "https://ops.slack.com/files/U0ALICE/F1/heap.hprof"}}});
  auto ev = slack_room_event(callback(reply), bot);
  REQUIRE(ev);
  CHECK(ev->message.text == "the heap dump\n[file: heap dump] https://ops.slack.com/files/U0ALICE/F1/heap.hprof");
}

TEST_CASE("a Slack message_changed is an edit of the message named inside it", "[unit][slack][timeline]") {
  json changed = {{"type", "message"}, {"subtype", "message_changed"}, {"hidden", true},
                  {"message", thread_reply("1700000100.000200", "db is slow, failing over")},
                  {"channel", "C0ALERTS"},
                  {"previous_message", thread_reply("1700000100.000200", "db is slow")},
                  {"event_ts", "1700000300.000900"}, {"ts", "1700000300.000900"}};
  changed["message"]["edited"] = {{"user", "U0ALICE"}, {"ts", "1700000300.000000"}};
  auto ev = slack_room_event(callback(changed, "Ev0002"), bot);
  REQUIRE(ev);
  CHECK(ev->what == room_event::kind::edited);
  CHECK(ev->message.ref == "1700000100.000200");  // the edited message, not the edit's ts
  CHECK(ev->message.at == from_millis(1700000100000));
  CHECK(ev->message.text == "db is slow, failing over");
  CHECK(ev->thread_ref == "1700000000.000100");

  changed["message"]["subtype"] = "tombstone";
  auto gone = slack_room_event(callback(changed, "Ev0003"), bot);
  REQUIRE(gone);
  CHECK(gone->what == room_event::kind::deleted);
}

TEST_CASE("a Slack message_deleted names the deleted ts and its thread", "[unit][slack][timeline]") {
  json deleted = {{"type", "message"}, {"subtype", "message_deleted"}, {"hidden", true},
                  {"channel", "C0ALERTS"}, {"deleted_ts", "1700000100.000200"},
                  {"previous_message", thread_reply("1700000100.000200", "oops, a password")},
                  {"event_ts", "1700000400.000100"}, {"ts", "1700000400.000100"}};
  auto ev = slack_room_event(callback(deleted, "Ev0004"), bot);
  REQUIRE(ev);
  CHECK(ev->what == room_event::kind::deleted);
  CHECK(ev->message.ref == "1700000100.000200");
  CHECK(ev->thread_ref == "1700000000.000100");
  CHECK(ev->channel == "C0ALERTS");
}

TEST_CASE("a :pushpin: on a Slack message pins it, taking it away unpins, other reactions do nothing", "[unit][slack][timeline]") {
  json reaction = {{"type", "reaction_added"}, {"user", "U0BOB"}, {"reaction", "pushpin"},
                   {"item", {{"type", "message"}, {"channel", "C0ALERTS"}, {"ts", "1700000100.000200"}}},
                   {"item_user", "U0ALICE"}, {"event_ts", "1700000500.000100"}};
  auto pin = slack_room_event(callback(reaction, "Ev0005"), bot);
  REQUIRE(pin);
  CHECK(pin->what == room_event::kind::pinned);
  CHECK(pin->channel == "C0ALERTS");
  CHECK(pin->message.ref == "1700000100.000200");
  reaction["type"] = "reaction_removed";
  auto unpin = slack_room_event(callback(reaction, "Ev0006"), bot);
  REQUIRE(unpin);
  CHECK(unpin->what == room_event::kind::unpinned);
  reaction["reaction"] = "eyes";
  CHECK_FALSE(slack_room_event(callback(reaction, "Ev0007"), bot));
}

TEST_CASE("a redelivered Slack event keeps its delivery id though the envelope is new", "[unit][slack][timeline]") {
  auto first = slack_room_event(callback(thread_reply("1700000100.000200", "hi"), "Ev9"), bot);
  auto again = slack_room_event(callback(thread_reply("1700000100.000200", "hi"), "Ev9"), bot);
  REQUIRE(first);
  REQUIRE(again);
  CHECK(first->delivery_id == again->delivery_id);
}

TEST_CASE("conversations.replies messages are room messages, pins read from their reactions", "[unit][slack][timeline]") {
  auto reply = thread_reply("1700000100.000200", "failing over");
  reply["reactions"] = json::array({{{"name", "pushpin"}, {"users", {"U0BOB"}}, {"count", 1}}});
  auto m = slack_room_message(reply, bot);
  REQUIRE(m);
  CHECK(m->pinned == true);
  CHECK(slack_room_message(thread_reply("1700000100.000300", "ok"), bot)->pinned == false);
  CHECK_FALSE(slack_room_message(thread_reply("1700000100.000300", "ok", "U0BOT"), bot));
}

TEST_CASE("a person's reply in a Mattermost thread is a posted room event keyed by post id", "[unit][mattermost][timeline]") {
  auto ev = mattermost_room_event(mm_frame("posted", "post", mm_post("p1aaaaaaaaaaaaaaaaaaaaaaaa", "db is <slow>")), mm);
  REQUIRE(ev);
  CHECK(ev->what == room_event::kind::posted);
  CHECK(ev->delivery_id == "mattermost:posted:p1aaaaaaaaaaaaaaaaaaaaaaaa");
  CHECK(ev->channel == "calerts0000000000000000000");
  CHECK(ev->thread_ref == "root0000000000000000000000");
  CHECK(ev->message.ref == "p1aaaaaaaaaaaaaaaaaaaaaaaa");
  CHECK(ev->message.user == "ualice00000000000000000000");  // the adapter resolves the username
  CHECK(ev->message.text == "db is <slow>");
  CHECK(ev->message.at == from_millis(1700000000123));
}

TEST_CASE("Mattermost edits are keyed by their edit time, deletions by the post", "[unit][mattermost][timeline]") {
  auto post = mm_post("p1aaaaaaaaaaaaaaaaaaaaaaaa", "failing over now");
  post["edit_at"] = post["update_at"] = 1700000009999;
  auto edit = mattermost_room_event(mm_frame("post_edited", "post", post), mm);
  REQUIRE(edit);
  CHECK(edit->what == room_event::kind::edited);
  CHECK(edit->delivery_id == "mattermost:post_edited:p1aaaaaaaaaaaaaaaaaaaaaaaa:1700000009999");
  CHECK(edit->message.text == "failing over now");
  post["delete_at"] = 1700000019999;
  auto gone = mattermost_room_event(mm_frame("post_deleted", "post", post), mm);
  REQUIRE(gone);
  CHECK(gone->what == room_event::kind::deleted);
  CHECK(gone->delivery_id == "mattermost:post_deleted:p1aaaaaaaaaaaaaaaaaaaaaaaa");
}

TEST_CASE("the bot's own Mattermost posts, system posts and webhook output are left out", "[unit][mattermost][timeline]") {
  CHECK_FALSE(mattermost_room_event(mm_frame("posted", "post", mm_post("p2", "Acknowledged", "root0000000000000000000000", mm.own_user_id)), mm));
  auto join = mm_post("p3", "alice joined the channel");
  join["type"] = "system_join_channel";
  CHECK_FALSE(mattermost_room_event(mm_frame("posted", "post", join), mm));
  auto hook = mm_post("p4", "status: mitigated");
  hook["props"]["from_webhook"] = "true";
  CHECK_FALSE(mattermost_room_event(mm_frame("posted", "post", hook), mm));
  CHECK_FALSE(mattermost_room_event(mm_frame("typing", "post", json::object()), mm));
  CHECK_FALSE(mattermost_room_event(mm_frame("posted", "post", json("not json")), mm));
}

TEST_CASE("files on a Mattermost post follow the text as links to the server", "[unit][mattermost][timeline]") {
  auto post = mm_post("p5aaaaaaaaaaaaaaaaaaaaaaaa", "graph");
  post["file_ids"] = {"f1"};
  post["metadata"]["files"] = json::array({{{"id", "f1"}, {"name", "cpu.png"}}});
  auto ev = mattermost_room_event(mm_frame("posted", "post", post), mm);
  REQUIRE(ev);
  CHECK(ev->message.text == "graph\n[file: cpu.png] https://chat.example.com/api/v4/files/f1");
}

TEST_CASE("a Mattermost :pushpin: pins the post, its removal unpins, each add and remove once", "[unit][mattermost][timeline]") {
  json reaction = {{"user_id", "ubob0000000000000000000000"}, {"post_id", "p1aaaaaaaaaaaaaaaaaaaaaaaa"},
                   {"emoji_name", "pushpin"}, {"create_at", 1700000001000}};
  auto pin = mattermost_room_event(mm_frame("reaction_added", "reaction", reaction), mm);
  REQUIRE(pin);
  CHECK(pin->what == room_event::kind::pinned);
  CHECK(pin->message.ref == "p1aaaaaaaaaaaaaaaaaaaaaaaa");
  CHECK(pin->channel == "calerts0000000000000000000");  // from the broadcast
  reaction["create_at"] = 0;  // what real servers send on removal
  auto unpin = mattermost_room_event(mm_frame("reaction_removed", "reaction", reaction, 9), mm);
  auto unpin_later = mattermost_room_event(mm_frame("reaction_removed", "reaction", reaction, 12), mm);
  REQUIRE(unpin);
  REQUIRE(unpin_later);
  CHECK(unpin->what == room_event::kind::unpinned);
  CHECK(unpin->delivery_id != unpin_later->delivery_id);
  CHECK(unpin->delivery_id != pin->delivery_id);
  reaction["emoji_name"] = "eyes";
  CHECK_FALSE(mattermost_room_event(mm_frame("reaction_added", "reaction", reaction), mm));
}

TEST_CASE("a Mattermost thread PostList gives the live replies oldest first", "[unit][mattermost][timeline]") {
  auto root = mm_post("root0000000000000000000000", "announcement", "", mm.own_user_id);
  auto late = mm_post("p2", "second");
  late["create_at"] = 1700000005000;
  auto early = mm_post("p1", "first");
  auto deleted = mm_post("p3", "gone");
  deleted["delete_at"] = 1700000009000;
  json list = {{"order", {"p3", "p2", "p1", "root0000000000000000000000"}},
               {"posts", {{"p2", late}, {"p1", early}, {"p3", deleted}, {"root0000000000000000000000", root}}},
               {"next_post_id", ""}, {"prev_post_id", ""}, {"has_next", false}};
  auto replies = mattermost_thread_replies(list, "root0000000000000000000000");
  REQUIRE(replies.size() == 2);
  CHECK(replies[0]["id"] == "p1");
  CHECK(replies[1]["id"] == "p2");
  early["metadata"]["reactions"] = json::array({{{"emoji_name", "pushpin"}, {"user_id", "ubob"}}});
  CHECK(mattermost_room_message(early, mm)->pinned == true);
  CHECK(mattermost_room_message(late, mm)->pinned == false);
  late.erase("metadata");
  CHECK_FALSE(mattermost_room_message(late, mm)->pinned.has_value());
}

TEST_CASE("the real Slack payloads in ../shared/fixtures read as room events", "[unit][slack][timeline]") {
  auto envelope = shared_fixture("slack/socket_mode_events_api_message_envelope.json");
  auto retry = shared_fixture("slack/socket_mode_events_api_message_retry_envelope.json");
  auto reply = shared_fixture("slack/events_message_thread_reply_inner_event.json");
  auto changed = shared_fixture("slack/events_message_changed_thread_reply.json");
  auto legacy = shared_fixture("slack/events_message_bot_message_subtype.json");
  auto modern = shared_fixture("slack/events_api_event_callback_bot_message_modern.json");
  auto reaction = shared_fixture("slack/events_api_event_callback_reaction_added_docs.json");
  auto replies = shared_fixture("slack/web_api_conversations_replies_success.json");
  if (!envelope || !retry || !reply || !changed || !legacy || !modern || !reaction || !replies) {
    WARN("skipped: ../shared/fixtures/slack is not beside the checkout");
    return;
  }
  // A top-level message is a room event the engine finds no room for (no thread_ts).
  auto top = slack_room_event((*envelope)["payload"], bot);
  REQUIRE(top);
  CHECK(top->thread_ref.empty());
  CHECK(top->message.text == "@U111 Hi here!");
  CHECK(top->delivery_id == "slack-event:Ev111");
  CHECK(slack_room_event((*retry)["payload"], bot)->delivery_id == "slack-event:Ev111");

  auto threaded = slack_room_event(callback(*reply), bot);
  REQUIRE(threaded);
  CHECK(threaded->thread_ref == "1726133698.626339");
  CHECK(threaded->message.user == "W222");
  CHECK(threaded->message.ref == "1726133700.887259");

  auto edit = slack_room_event(callback(*changed), bot);
  REQUIRE(edit);
  CHECK(edit->what == room_event::kind::edited);
  CHECK(edit->message.ref == "1626342128.008700");
  CHECK(edit->message.text == "updated message");
  CHECK(edit->thread_ref == "1626342092.008500");

  auto other_app = slack_room_event(callback(*legacy), bot);
  REQUIRE(other_app);
  CHECK(other_app->message.user == "classic-app-test");
  // The modern app message is the bot's own when auth.test named it so.
  CHECK_FALSE(slack_room_event(*modern, {"UUUUUXXXXX", "B123"}));

  auto eyes = (*reaction);
  CHECK_FALSE(slack_room_event(eyes, bot));  // slightly_smiling_face marks nothing
  eyes["event"]["reaction"] = "pushpin";
  auto pin = slack_room_event(eyes, bot);
  REQUIRE(pin);
  CHECK(pin->message.ref == "1464196127.000002");
  CHECK(pin->channel == "C123ABC456");

  int kept = 0;
  for (const auto& m : (*replies)["messages"]) kept += slack_room_message(m, bot).has_value();
  CHECK(kept == 4);  // the parent too: read_thread leaves it out by its ts
}

TEST_CASE("the real Mattermost frames in ../shared/fixtures read as room events", "[unit][mattermost][timeline]") {
  auto posted = shared_fixture("mattermost/ws_posted_event_channel_capture_from_pyrepr.json");
  auto edited = shared_fixture("mattermost/ws_post_edited_event_capture_from_pyrepr.json");
  auto added = shared_fixture("mattermost/ws_reaction_added_event_capture_from_pyrepr.json");
  auto removed = shared_fixture("mattermost/ws_reaction_removed_event_capture_from_pyrepr.json");
  if (!posted || !edited || !added || !removed) {
    WARN("skipped: ../shared/fixtures/mattermost is not beside the checkout");
    return;
  }
  auto p = mattermost_room_event(*posted, mm);
  REQUIRE(p);
  CHECK(p->message.ref == "5greg5b4w3rojmqc188znn8s7c");
  CHECK(p->message.text == "message sent");
  CHECK(p->thread_ref.empty());  // top level: the adapter stops here
  CHECK(p->message.at == from_millis(1682311948645));
  auto e = mattermost_room_event(*edited, mm);
  REQUIRE(e);
  CHECK(e->what == room_event::kind::edited);
  CHECK(e->delivery_id == "mattermost:post_edited:5greg5b4w3rojmqc188znn8s7c:1682311952478");
  CHECK_FALSE(mattermost_room_event(*added, mm));  // :eyes:
  auto pin = *added;
  auto reaction = json::parse(pin["data"]["reaction"].get<std::string>());
  reaction["emoji_name"] = "pushpin";
  pin["data"]["reaction"] = reaction.dump();
  auto ev = mattermost_room_event(pin, mm);
  REQUIRE(ev);
  CHECK(ev->channel == "1waumyyd6jyczrxntuiopybygy");
  CHECK(ev->message.ref == "u4y918f9o3gotgzefgoc1zcj9h");
  CHECK_FALSE(mattermost_room_event(*removed, mm));
}
