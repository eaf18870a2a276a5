// Role: Slack's file upload flow (protocols.md A6): files.getUploadURLExternal hands out a
// single-use upload_url for a file of a stated length, the bytes are POSTed there, and
// files.completeUploadExternal shares the file in a channel (a thread) with a message by the
// bot. A file is invisible until completed; completing without channel_id leaves it private.
#include <algorithm>

#include "slack_actions.hpp"
#include "multipart.hpp"
#include "slack_files.hpp"
#include "slack_methods.hpp"
#include "slack_state.hpp"
#include "slack_web_args.hpp"
#include "text_codec.hpp"

namespace chatsim {
namespace {

// Slack refuses snippets over 1 MB; chatsim applies the same ceiling to every file so a test
// can provoke the refusal without sending gigabytes.
constexpr long max_file_length = 1024 * 1024;
constexpr std::string_view upload_prefix = "/upload/v1/";

// invalid_arguments carries the reason in response_metadata, as Slack does.
http_reply invalid_arguments(const std::string& why) {
  http_reply reply = slack_error("invalid_arguments");
  auto body = nlohmann::json::parse(reply.body);
  body["response_metadata"] = {{"messages", {"[ERROR] " + why}}};
  return json_reply(body);
}

struct file_entry {
  std::string id, title;
};

// The `files` argument: a JSON array (or its URL-encoded string) of {id, title?}.
std::optional<std::vector<file_entry>> read_file_entries(const nlohmann::json& args) {
  auto files = arg_json(args, "files");
  if (!files.present || !files.valid || !files.value.is_array() || files.value.empty()) return std::nullopt;
  std::vector<file_entry> out;
  for (const auto& item : files.value) {
    if (!item.is_object() || !item.contains("id") || !item["id"].is_string()) return std::nullopt;
    std::string title = item.contains("title") && item["title"].is_string() ? item["title"].get<std::string>() : "";
    out.push_back({item["id"].get<std::string>(), title});
  }
  return out;
}

nlohmann::json shared_file_json(const slack_file& f) {
  return {{"id", f.id}, {"name", f.filename}, {"title", f.title}, {"size", f.content.size()}};
}

}  // namespace

std::string slack_file_book::open(slack_file file, std::string ticket) {
  char id[16];
  std::snprintf(id, sizeof id, "F0SIM%05d", next_++);
  file.id = id;
  tickets_[std::move(ticket)] = file.id;
  files_.push_back(std::move(file));
  return files_.back().id;
}

slack_file* slack_file_book::find(const std::string& id) {
  for (auto& f : files_) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

slack_file* slack_file_book::take_ticket(const std::string& ticket) {
  auto it = tickets_.find(ticket);
  if (it == tickets_.end()) return nullptr;
  std::string id = it->second;
  tickets_.erase(it);
  return find(id);
}

http_reply files_get_upload_url_external(api_call& call) {
  auto filename = arg_string(call.args, "filename");
  if (!filename || filename->empty()) return invalid_arguments("missing required field: filename");
  if (!call.args.contains("length")) return invalid_arguments("missing required field: length");
  auto length = arg_int(call.args, "length");
  if (!length) return invalid_arguments("invalid value for field: length");
  if (*length <= 0) return slack_error("missing_argument");  // Slack's answer to length 0
  if (*length > max_file_length) return slack_error("file_upload_size_restricted");
  sim_context& ctx = call.slack.ctx;
  std::string ticket = ctx.ids.short_id(24);
  slack_file file;
  file.filename = *filename;
  file.length = static_cast<std::size_t>(*length);
  std::string id = call.slack.files.open(std::move(file), ticket);
  return slack_ok({{"upload_url", ctx.base_url() + std::string(upload_prefix) + ticket}, {"file_id", id}});
}

http_reply handle_slack_upload(slack_state& slack, const http_request& request) {
  if (request.method != "POST") return text_reply("method not allowed\n", 405);
  if (auto f = slack.ctx.faults.take("upload_url")) {
    ++slack.ctx.stats.faults_applied;
    if (f->mode == fault_mode::ratelimit) {
      http_reply reply = text_reply("rate limited\n", 429);
      reply.headers.emplace_back("Retry-After", "1");
      return reply;
    }
    return text_reply("internal error\n", 500);
  }
  std::string ticket = request.path.substr(upload_prefix.size());
  slack_file* file = slack.files.take_ticket(ticket);
  // A used or unknown URL: the ticket is gone, as on files.slack.com.
  if (!file) return text_reply("upload ticket not found or already used\n", 404);
  // The raw body (as the python SDK sends it), or the file part of a multipart form (as
  // @slack/web-api's uploadV2 sends it); Slack takes both.
  std::string bytes = request.body;
  std::string type = to_lower(request.header("content-type"));
  if (type.rfind("multipart/form-data", 0) == 0) {
    auto parts = parse_multipart(request.body, multipart_boundary(request.header("content-type")));
    if (!parts || parts->empty()) return text_reply("unreadable multipart body\n", 400);
    auto file_part = std::find_if(parts->begin(), parts->end(), [](const form_part& p) { return !p.filename.empty(); });
    bytes = file_part != parts->end() ? file_part->content : parts->front().content;
  }
  if (bytes.size() != file->length) {
    return text_reply("length mismatch: expected " + std::to_string(file->length) + " bytes, got " +
                          std::to_string(bytes.size()) + "\n",
                      400);
  }
  file->content = std::move(bytes);
  file->uploaded = true;
  return text_reply("OK - " + std::to_string(file->content.size()) + "\n");
}

http_reply files_complete_upload_external(api_call& call) {
  auto entries = read_file_entries(call.args);
  if (!entries) return invalid_arguments("missing or invalid required field: files");
  workspace& ws = call.slack.ctx.ws;
  std::vector<slack_file*> files;
  for (const auto& e : *entries) {
    slack_file* f = call.slack.files.find(e.id);
    // Never uploaded, uploaded with the wrong length, or already completed: no such upload.
    if (!f || !f->uploaded || f->completed) return slack_error("file_not_found");
    files.push_back(f);
  }
  channel* ch = nullptr;
  if (auto id = arg_string(call.args, "channel_id"); id && !id->empty()) {
    ch = ws.find_channel_by_id(*id);
    if (!ch) return slack_error("channel_not_found");
    if (!ch->members.contains(ws.team().bot_user_id)) return slack_error("not_in_channel");
  }
  std::string thread_ts = arg_string(call.args, "thread_ts").value_or("");
  if (!thread_ts.empty()) {
    message* parent = ch ? ws.find_message(*ch, thread_ts) : nullptr;
    if (!parent || parent->deleted || parent->is_reply()) return slack_error("invalid_thread_ts");
  }
  auto out = nlohmann::json::array();
  auto shared = nlohmann::json::array();
  for (std::size_t i = 0; i < files.size(); ++i) {
    files[i]->title = (*entries)[i].title.empty() ? files[i]->filename : (*entries)[i].title;
    files[i]->completed = true;
    shared.push_back(shared_file_json(*files[i]));
    out.push_back({{"id", files[i]->id}, {"title", files[i]->title}});
  }
  if (ch) {
    message m;
    m.user = ws.team().bot_user_id;
    m.bot_id = ws.team().bot_id;
    m.content.text = arg_string(call.args, "initial_comment").value_or("");
    m.thread_ts = thread_ts;
    m.files = shared;
    message& stored = publish_message(call.slack, *ch, std::move(m));
    for (auto* f : files) {
      f->channel = ch->id;
      f->thread_ts = thread_ts;
      f->message_ts = stored.ts;
      f->initial_comment = stored.content.text;
    }
  }
  return slack_ok({{"files", out}});
}

nlohmann::json slack_files_json(const slack_file_book& book) {
  auto out = nlohmann::json::array();
  for (const auto& f : book.all()) {
    out.push_back({{"id", f.id},
                   {"filename", f.filename},
                   {"title", f.title},
                   {"length", f.length},
                   {"content", f.content},
                   {"uploaded", f.uploaded},
                   {"completed", f.completed},
                   {"channel", f.channel},
                   {"thread_ts", f.thread_ts},
                   {"message_ts", f.message_ts},
                   {"initial_comment", f.initial_comment}});
  }
  return out;
}

}  // namespace chatsim
