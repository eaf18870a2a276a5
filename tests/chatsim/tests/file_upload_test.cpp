// Role: chatsim's file uploads as a bot sees them: Slack's files.getUploadURLExternal →
// upload_url → files.completeUploadExternal, and Mattermost's POST /files → POST /posts with
// file_ids; the errors the real servers give, and the control API's file readback.
#include <catch2/catch.hpp>

#include "mattermost_support.hpp"

using chatsim_test::chatsim_process;
using chatsim_test::mm_call;
using chatsim_test::mm_ok;
using nlohmann::json;

namespace {

// files.getUploadURLExternal takes form arguments only (no JSON body).
json get_upload_url(chatsim_process& sim, const std::string& form) {
  httplib::Headers headers{{"Authorization", "Bearer " + chatsim_test::bot_token}};
  auto res = sim.http().Post("/api/files.getUploadURLExternal", headers, form,
                             "application/x-www-form-urlencoded");
  REQUIRE(res);
  return json::parse(res->body);
}

// The path part of chatsim's upload_url (it points at chatsim itself).
std::string upload_path(const json& ticket) {
  std::string url = ticket["upload_url"];
  return url.substr(url.find("/upload/"));
}

httplib::Result send_bytes(chatsim_process& sim, const json& ticket, const std::string& bytes) {
  return sim.http().Post(upload_path(ticket).c_str(), bytes, "application/octet-stream");
}

json slack_files(chatsim_process& sim) { return sim.get("/_sim/slack/files")["files"]; }

httplib::Result mm_upload(chatsim_process& sim, const std::string& channel_id, const std::string& name,
                          const std::string& bytes) {
  httplib::MultipartFormDataItems items;
  if (!channel_id.empty()) items.push_back({"channel_id", channel_id, "", ""});
  items.push_back({"files", bytes, name, "text/markdown"});
  httplib::Headers headers{{"Authorization", "Bearer " + chatsim_test::mm_token}};
  return sim.http().Post("/api/v4/files", headers, items);
}

}  // namespace

TEST_CASE("a Slack upload is shared in the thread only after files.completeUploadExternal",
          "[chatsim][files]") {
  chatsim_process sim;
  json parent = sim.api("chat.postMessage", {{"channel", "#alerts"}, {"text", "incident #1"}});
  REQUIRE(parent["ok"] == true);
  const std::string draft = "# Postmortem\n\nsomething broke\n";
  json ticket = get_upload_url(sim, "filename=postmortem-1.md&length=" + std::to_string(draft.size()));
  REQUIRE(ticket["ok"] == true);
  CHECK(ticket["file_id"].get<std::string>().rfind("F", 0) == 0);
  auto sent = send_bytes(sim, ticket, draft);
  REQUIRE(sent);
  CHECK(sent->status == 200);
  // Uploaded but not completed: nothing in the channel yet.
  CHECK(slack_files(sim)[0]["completed"] == false);
  CHECK(sim.get("/_sim/channels/alerts/messages")["messages"].size() == 1);

  json done = sim.api("files.completeUploadExternal",
                      {{"files", json::array({{{"id", ticket["file_id"]}, {"title", "Postmortem #1"}}})},
                       {"channel_id", "C0ALERTS"},
                       {"thread_ts", parent["ts"]},
                       {"initial_comment", "Draft attached"}});
  REQUIRE(done["ok"] == true);
  CHECK(done["files"][0]["id"] == ticket["file_id"]);
  json file = slack_files(sim)[0];
  CHECK(file["content"] == draft);
  CHECK(file["title"] == "Postmortem #1");
  CHECK(file["channel"] == "C0ALERTS");
  CHECK(file["thread_ts"] == parent["ts"]);
  json messages = sim.get("/_sim/channels/alerts/messages")["messages"];
  REQUIRE(messages.size() == 2);
  CHECK(messages[1]["thread_ts"] == parent["ts"]);
  CHECK(messages[1]["text"] == "Draft attached");
  CHECK(messages[1]["files"][0]["name"] == "postmortem-1.md");
  // Completing twice is refused: the file is no longer a pending upload.
  CHECK(sim.api("files.completeUploadExternal",
                {{"files", json::array({{{"id", ticket["file_id"]}}})}, {"channel_id", "C0ALERTS"}})["error"] ==
        "file_not_found");
}

TEST_CASE("Slack upload arguments are checked as Slack checks them", "[chatsim][files]") {
  chatsim_process sim;
  CHECK(get_upload_url(sim, "length=5")["error"] == "invalid_arguments");
  CHECK(get_upload_url(sim, "filename=a.md")["error"] == "invalid_arguments");
  CHECK(get_upload_url(sim, "filename=a.md&length=0")["error"] == "missing_argument");
  CHECK(get_upload_url(sim, "filename=a.md&length=99999999")["error"] == "file_upload_size_restricted");
  // Without a token, as every method.
  auto res = sim.http().Post("/api/files.getUploadURLExternal", "filename=a.md&length=5",
                             "application/x-www-form-urlencoded");
  REQUIRE(res);
  CHECK(json::parse(res->body)["error"] == "not_authed");

  json ticket = get_upload_url(sim, "filename=a.md&length=5");
  REQUIRE(ticket["ok"] == true);
  // Never uploaded: completing finds no file.
  CHECK(sim.api("files.completeUploadExternal",
                {{"files", json::array({{{"id", ticket["file_id"]}}})}, {"channel_id", "C0ALERTS"}})["error"] ==
        "file_not_found");
  CHECK(sim.api("files.completeUploadExternal", {{"channel_id", "C0ALERTS"}})["error"] == "invalid_arguments");
  REQUIRE(send_bytes(sim, ticket, "12345")->status == 200);
  CHECK(sim.api("files.completeUploadExternal",
                {{"files", json::array({{{"id", ticket["file_id"]}}})}, {"channel_id", "C0NOPE"}})["error"] ==
        "channel_not_found");
  CHECK(sim.api("files.completeUploadExternal",
                {{"files", json::array({{{"id", ticket["file_id"]}}})},
                 {"channel_id", "C0ALERTS"},
                 {"thread_ts", "1.000001"}})["error"] == "invalid_thread_ts");
  // Without a channel the file is completed but stays private.
  json private_file = sim.api("files.completeUploadExternal", {{"files", json::array({{{"id", ticket["file_id"]}}})}});
  CHECK(private_file["ok"] == true);
  CHECK(slack_files(sim)[0]["channel"] == "");
  CHECK(sim.get("/_sim/channels/alerts/messages")["messages"].empty());
}

TEST_CASE("a Slack upload_url works once and only for the announced length", "[chatsim][files]") {
  chatsim_process sim;
  json ticket = get_upload_url(sim, "filename=a.md&length=5");
  auto wrong = send_bytes(sim, ticket, "1234");
  REQUIRE(wrong);
  CHECK(wrong->status == 400);
  // The ticket is spent: the right bytes now are too late.
  auto again = send_bytes(sim, ticket, "12345");
  REQUIRE(again);
  CHECK(again->status == 404);
  CHECK(sim.api("files.completeUploadExternal",
                {{"files", json::array({{{"id", ticket["file_id"]}}})}, {"channel_id", "C0ALERTS"}})["error"] ==
        "file_not_found");
}

TEST_CASE("a Mattermost file shows only in the post that names it, in the thread", "[chatsim][files]") {
  chatsim_process sim;
  std::string alerts = chatsim_test::mm_channel_id(sim, "alerts");
  json root = mm_ok(sim, "POST", "/posts", {{"channel_id", alerts}, {"message", "incident #1"}}, 201);
  auto res = mm_upload(sim, alerts, "postmortem-1.md", "# Postmortem\n");
  REQUIRE(res);
  REQUIRE(res->status == 201);
  json info = json::parse(res->body)["file_infos"][0];
  CHECK(info["name"] == "postmortem-1.md");
  CHECK(info["extension"] == "md");
  CHECK(info["size"] == 13);
  CHECK(info["post_id"] == "");
  json post = mm_ok(sim, "POST", "/posts",
                    {{"channel_id", alerts}, {"message", "Draft"}, {"root_id", root["id"]},
                     {"file_ids", json::array({info["id"], "nosuchfileidnosuchfileid00"})}},
                    201);
  // The unknown id is dropped, as the real server drops ids it cannot attach.
  REQUIRE(post["file_ids"].size() == 1);
  CHECK(post["file_ids"][0] == info["id"]);
  json files = sim.get("/_sim/mattermost/files")["files"];
  CHECK(files[0]["post_id"] == post["id"]);
  CHECK(files[0]["content"] == "# Postmortem\n");
  // A file belongs to one post.
  json second = mm_ok(sim, "POST", "/posts",
                      {{"channel_id", alerts}, {"message", "again"}, {"file_ids", json::array({info["id"]})}}, 201);
  CHECK_FALSE(second.contains("file_ids"));
}

TEST_CASE("Mattermost upload errors name the bad parameter", "[chatsim][files]") {
  chatsim_process sim;
  std::string alerts = chatsim_test::mm_channel_id(sim, "alerts");
  auto no_channel = mm_upload(sim, "", "a.md", "x");
  REQUIRE(no_channel);
  CHECK(no_channel->status == 400);
  CHECK(json::parse(no_channel->body)["id"] == "api.context.invalid_body_param.app_error");
  auto unknown = mm_upload(sim, "nosuchchannelnosuchchannel", "a.md", "x");
  REQUIRE(unknown);
  CHECK(unknown->status == 403);
  httplib::Headers headers{{"Authorization", "Bearer " + chatsim_test::mm_token}};
  httplib::MultipartFormDataItems only_channel{{"channel_id", alerts, "", ""}};
  auto no_files = sim.http().Post("/api/v4/files", headers, only_channel);
  REQUIRE(no_files);
  CHECK(no_files->status == 400);
  auto no_token = sim.http().Post("/api/v4/files", only_channel);
  REQUIRE(no_token);
  CHECK(no_token->status == 401);
}
