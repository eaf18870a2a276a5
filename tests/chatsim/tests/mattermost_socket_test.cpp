// Role: chatsim's Mattermost websocket as the bot sees it: the authentication challenge (hello
// before OK, a bad token closes the socket), request replies, events with JSON-string payloads,
// and resumption with connection_id + sequence_number.
#include <boost/asio/connect.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <catch2/catch.hpp>

#include "mattermost_support.hpp"

using chatsim_test::chatsim_process;
using chatsim_test::mm_connect;
using chatsim_test::next_event;
using chatsim_test::ws_client;
using nlohmann::json;
using namespace std::chrono_literals;

TEST_CASE("the authentication challenge queues hello before OK; a bad token closes the socket",
          "[chatsim][mattermost]") {
  chatsim_process sim;
  ws_client ws(sim.port(), "/api/v4/websocket");
  ws.send({{"seq", 1}, {"action", "ping"}});
  auto refused = ws.next(2s);
  REQUIRE(refused);
  CHECK(refused->value("status", "") == "FAIL");
  CHECK((*refused)["seq_reply"] == 1);
  CHECK((*refused)["error"]["id"] == "api.web_socket_router.not_authenticated.app_error");

  ws.send({{"seq", 2}, {"action", "authentication_challenge"}, {"data", {{"token", chatsim_test::mm_token}}}});
  auto hello = ws.next(2s);
  REQUIRE(hello);
  CHECK((*hello)["event"] == "hello");
  CHECK((*hello)["seq"] == 0);
  CHECK((*hello)["data"]["server_version"] == "9.11.0.9.11.0.chatsim.false");
  CHECK((*hello)["data"]["connection_id"].get<std::string>().size() == 26);
  CHECK((*hello)["broadcast"]["user_id"] == chatsim_test::mm_ok(sim, "GET", "/users/me")["id"]);
  auto ok = ws.next(2s);
  REQUIRE(ok);
  CHECK(*ok == json{{"status", "OK"}, {"seq_reply", 2}});

  ws.send({{"seq", 3}, {"action", "ping"}});
  auto pong = ws.next(2s);
  REQUIRE(pong);
  CHECK((*pong)["status"] == "OK");
  CHECK((*pong)["data"]["text"] == "pong");
  CHECK((*pong)["data"]["server_time"].is_number_integer());
  ws.send({{"seq", 0}, {"action", "ping"}});
  CHECK(ws.next(2s)->value("status", "") == "FAIL");

  ws_client bad(sim.port(), "/api/v4/websocket/");
  bad.send({{"seq", 1}, {"action", "authentication_challenge"}, {"data", {{"token", "nope"}}}});
  CHECK_FALSE(bad.next(2s));
  CHECK(bad.closed());
  CHECK(sim.get("/_sim/stats")["mattermost_open_connections"] == 1);
}

TEST_CASE("a token on the upgrade request authenticates at once", "[chatsim][mattermost]") {
  namespace beast = boost::beast;
  chatsim_process sim;
  boost::asio::io_context ioc;
  beast::websocket::stream<beast::tcp_stream> ws(ioc);
  beast::get_lowest_layer(ws).connect({boost::asio::ip::make_address("127.0.0.1"), sim.port()});
  ws.set_option(beast::websocket::stream_base::decorator([](beast::websocket::request_type& req) {
    req.set(beast::http::field::authorization, "Bearer " + chatsim_test::mm_token);
  }));
  ws.handshake("127.0.0.1", "/api/v4/websocket");
  beast::flat_buffer buffer;
  ws.read(buffer);
  json hello = json::parse(beast::buffers_to_string(buffer.data()));
  CHECK(hello["event"] == "hello");
  CHECK(hello["seq"] == 0);
}

TEST_CASE("a person's post arrives as a posted event with the post as a JSON string",
          "[chatsim][mattermost]") {
  chatsim_process sim;
  auto ws = mm_connect(sim);
  std::string bot_id = chatsim_test::mm_ok(sim, "GET", "/users/me")["id"];
  json sent = sim.post("/_sim/mattermost/message",
                       {{"user", "alice"}, {"channel", "alerts"}, {"message", "@oncallbot help"}});
  REQUIRE(sent["ok"] == true);

  auto posted = next_event(*ws, "posted", 2s);
  REQUIRE(posted);
  CHECK((*posted)["seq"] == 1);
  const json& data = (*posted)["data"];
  REQUIRE(data["post"].is_string());
  json post = json::parse(data["post"].get<std::string>());
  CHECK(post["id"] == sent["post"]["id"]);
  CHECK(post["message"] == "@oncallbot help");
  CHECK(post["user_id"] == chatsim_test::mm_ok(sim, "GET", "/users/username/alice")["id"]);
  CHECK(data["sender_name"] == "@alice");
  CHECK(data["channel_name"] == "alerts");
  CHECK(data["channel_type"] == "O");
  CHECK(data["channel_display_name"] == "Alerts");
  CHECK(data["team_id"].get<std::string>().size() == 26);
  REQUIRE(data["mentions"].is_string());
  CHECK(json::parse(data["mentions"].get<std::string>()) == json::array({bot_id}));
  CHECK((*posted)["broadcast"]["channel_id"] == post["channel_id"]);

  sim.post("/_sim/mattermost/edit", {{"user", "alice"}, {"post_id", post["id"]}, {"message", "never mind"}});
  auto edited = next_event(*ws, "post_edited", 2s);
  REQUIRE(edited);
  CHECK((*edited)["seq"] == 2);
  CHECK(json::parse((*edited)["data"]["post"].get<std::string>())["message"] == "never mind");
  sim.post("/_sim/mattermost/react", {{"user", "bob"}, {"post_id", post["id"]}, {"emoji_name", "eyes"}});
  auto reaction = next_event(*ws, "reaction_added", 2s);
  REQUIRE(reaction);
  CHECK(json::parse((*reaction)["data"]["reaction"].get<std::string>())["emoji_name"] == "eyes");
}

TEST_CASE("reconnecting with connection_id and sequence_number replays without a new hello",
          "[chatsim][mattermost]") {
  chatsim_process sim;
  json hello;
  auto ws = mm_connect(sim, &hello);
  std::string connection_id = hello["data"]["connection_id"];
  auto say = [&](const std::string& text) {
    sim.post("/_sim/mattermost/message", {{"user", "bob"}, {"channel", "oncall"}, {"message", text}});
  };
  say("first");
  REQUIRE(next_event(*ws, "posted", 2s));  // seq 1
  say("second");                          // seq 2, never read
  CHECK(sim.post("/_sim/mattermost/drop_sockets", json::object())["dropped"] == 1);
  say("while away");                      // seq 3, queued for the connection

  ws_client resumed(sim.port(), "/api/v4/websocket?connection_id=" + connection_id + "&sequence_number=2");
  resumed.send({{"seq", 1}, {"action", "authentication_challenge"}, {"data", {{"token", chatsim_test::mm_token}}}});
  std::vector<json> frames;
  for (int i = 0; i < 3; ++i) {
    auto frame = resumed.next(2s);
    REQUIRE(frame);
    frames.push_back(*frame);
  }
  CHECK(frames[0]["event"] == "posted");
  CHECK(frames[0]["seq"] == 2);
  CHECK(json::parse(frames[0]["data"]["post"].get<std::string>())["message"] == "second");
  CHECK(frames[1]["seq"] == 3);
  CHECK(json::parse(frames[1]["data"]["post"].get<std::string>())["message"] == "while away");
  CHECK(frames[2]["status"] == "OK");
  say("after");
  auto next = next_event(resumed, "posted", 2s);
  REQUIRE(next);
  CHECK((*next)["seq"] == 4);
  CHECK(sim.get("/_sim/stats")["mattermost_resumptions"] == 1);

  json fresh;
  auto other = mm_connect(sim, &fresh, "?connection_id=unknownconnection000000000&sequence_number=7");
  CHECK(fresh["seq"] == 0);
  CHECK(fresh["data"]["connection_id"] != connection_id);
}

TEST_CASE("Mattermost sockets get server pings every --ping-interval-ms", "[chatsim][mattermost]") {
  chatsim_process sim({"--ping-interval-ms", "100"});
  auto ws = mm_connect(sim);
  ws->pump(550ms);
  CHECK(ws->pings_received() >= 3);
  CHECK_FALSE(ws->closed());
}
