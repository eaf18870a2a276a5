// Slack file uploads, the flow that replaced files.upload (protocols.md A6): ask for an upload
// URL with the file's name and length, send the bytes there, then complete the upload, which
// shares the file in the channel (and thread) with its title and comment.
#include <nlohmann/json.hpp>

#include "bot/chat/slack/slack_platform.hpp"

namespace oncall {

namespace asio = boost::asio;

asio::awaitable<post_result> slack_platform::upload_file(const std::string& channel,
                                                         const std::string& thread_ref,
                                                         const file_upload& file) {
  // 1. files.getUploadURLExternal takes no JSON body: form-encoded.
  nlohmann::json ticket_args = {{"filename", file.filename},
                                {"length", std::to_string(file.content.size())}};
  auto ticket = co_await api_.call_form("files.getUploadURLExternal", ticket_args);
  if (!ticket.ok) co_return to_post_result(ticket);
  const std::string upload_url = ticket.body.value("upload_url", "");
  const std::string file_id = ticket.body.value("file_id", "");
  if (upload_url.empty() || file_id.empty()) {
    co_return post_result{false, {}, {}, "files.getUploadURLExternal gave no upload_url or file_id", {}, false};
  }
  // 2. The bytes, as the request body. The URL is single-use: a failure here starts over.
  auto sent = co_await api_.send_upload(upload_url, file.content);
  if (!sent.ok) co_return to_post_result(sent);
  // 3. Completing shares it; without channel_id the file would stay private.
  nlohmann::json entry = {{"id", file_id}, {"title", file.title}};
  nlohmann::json complete_args = {{"files", nlohmann::json::array({entry})}, {"channel_id", channel}};
  if (!thread_ref.empty()) complete_args["thread_ts"] = thread_ref;
  if (!file.initial_comment.empty()) complete_args["initial_comment"] = file.initial_comment;
  auto completed = co_await api_.call("files.completeUploadExternal", complete_args);
  auto out = to_post_result(completed);
  if (out.ok) {
    out.channel = channel;
    out.ref = file_id;
  }
  co_return out;
}

}  // namespace oncall
