// Mattermost file uploads (protocols.md B4): POST /files as multipart/form-data with the
// channel_id field first and the file under "files", then a post that carries the file id
// (in the thread when there is one). A file not attached to a post is never shown.
#include <random>

#include "bot/chat/mattermost/mattermost_platform.hpp"

namespace oncall {

namespace asio = boost::asio;
using nlohmann::json;

namespace {

// A boundary that cannot occur in the content: random, and checked.
std::string multipart_boundary(const std::string& content) {
  static std::mt19937_64 rng{std::random_device{}()};
  for (;;) {
    std::string boundary = "oncallbot-" + std::to_string(rng());
    if (content.find(boundary) == std::string::npos) return boundary;
  }
}

// Quotes in a file name would end the header parameter early.
std::string header_safe(std::string name) {
  for (char& c : name) {
    if (c == '"' || c == '\r' || c == '\n' || c == '\\') c = '_';
  }
  return name;
}

std::string multipart_body(const std::string& boundary, const std::string& channel_id,
                           const file_upload& file) {
  std::string body;
  body += "--" + boundary + "\r\n";
  body += "Content-Disposition: form-data; name=\"channel_id\"\r\n\r\n";
  body += channel_id + "\r\n";
  body += "--" + boundary + "\r\n";
  body += "Content-Disposition: form-data; name=\"files\"; filename=\"" + header_safe(file.filename) + "\"\r\n";
  body += "Content-Type: application/octet-stream\r\n\r\n";
  body += file.content + "\r\n";
  body += "--" + boundary + "--\r\n";
  return body;
}

}  // namespace

asio::awaitable<post_result> mattermost_platform::upload_file(const std::string& channel,
                                                              const std::string& thread_ref,
                                                              const file_upload& file) {
  std::string error;
  auto channel_id = co_await api_.channel_id(cfg_.team, channel, error);
  if (channel_id.empty()) co_return post_result{false, {}, {}, error, {}, false};
  // 1. The file, into the channel's storage.
  const auto boundary = multipart_boundary(file.content);
  auto uploaded = co_await api_.request_raw("POST", "/files", "multipart/form-data; boundary=" + boundary,
                                            multipart_body(boundary, channel_id, file));
  if (!uploaded.ok()) co_return to_post_result(uploaded);
  std::string file_id;
  const auto& infos = uploaded.body.is_object() ? uploaded.body.value("file_infos", json::array()) : json::array();
  if (infos.is_array() && !infos.empty() && infos[0].is_object()) file_id = infos[0].value("id", "");
  if (file_id.empty()) co_return post_result{false, {}, {}, "POST /files answered without a file id", {}, false};
  // 2. The post that shows it; the title goes in the message, Mattermost files have none.
  std::string message = file.initial_comment.empty() ? file.title : file.initial_comment;
  json body = {{"channel_id", channel_id}, {"message", message}, {"file_ids", json::array({file_id})}};
  if (!thread_ref.empty()) body["root_id"] = thread_ref;
  auto out = to_post_result(co_await api_.request("POST", "/posts?set_online=false", body));
  if (out.ok) out.ref = file_id;
  co_return out;
}

}  // namespace oncall
