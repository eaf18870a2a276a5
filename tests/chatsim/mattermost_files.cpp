// Role: implementation of Mattermost file uploads: the two request forms, the file infos, and
// attaching files to posts.
#include "mattermost_files.hpp"

#include <algorithm>
#include <optional>

#include "mattermost_rest_calls.hpp"
#include "mattermost_state.hpp"
#include "multipart.hpp"
#include "text_codec.hpp"

namespace chatsim {
namespace {

using nlohmann::json;

// Mattermost's default FileSettings.MaxFileSize is 100 MB; chatsim keeps 1 MB so tests can
// provoke the refusal cheaply.
constexpr std::size_t max_file_size = 1024 * 1024;

std::string extension_of(const std::string& name) {
  auto dot = name.rfind('.');
  return dot == std::string::npos ? "" : to_lower(name.substr(dot + 1));
}

std::string mime_of(const std::string& extension) {
  if (extension == "md") return "text/markdown";
  if (extension == "json") return "application/json";
  if (extension == "txt") return "text/plain";
  return "application/octet-stream";
}

struct upload_request {
  std::string channel_id;
  std::vector<form_part> files;
};

// Either form the real server takes: multipart, or the raw body with the query parameters.
std::optional<upload_request> read_upload(mm_rest_call& c, std::string& bad_param) {
  upload_request out;
  std::string type = c.request.header("content-type");
  if (to_lower(type).rfind("multipart/form-data", 0) == 0) {
    auto parts = parse_multipart(c.request.body, multipart_boundary(type));
    if (!parts) {
      bad_param = "multipart";
      return std::nullopt;
    }
    for (auto& p : *parts) {
      if (p.name == "channel_id" && p.filename.empty()) out.channel_id = p.content;
      if (p.name == "files") out.files.push_back(std::move(p));
    }
  } else {
    out.channel_id = c.query("channel_id").value_or("");
    auto filename = c.query("filename").value_or("");
    if (filename.empty()) {
      bad_param = "filename";
      return std::nullopt;
    }
    out.files.push_back({"files", filename, c.request.body});
  }
  return out;
}

}  // namespace

mm_file* mm_file_book::find(const std::string& id) {
  for (auto& f : files_) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

std::vector<std::string> mm_file_book::attach(const std::vector<std::string>& wanted,
                                              const std::string& user_id,
                                              const std::string& channel_id,
                                              const std::string& post_id) {
  std::vector<std::string> attached;
  for (const auto& id : wanted) {
    mm_file* f = find(id);
    if (!f || f->user_id != user_id || f->channel_id != channel_id || !f->post_id.empty()) continue;
    f->post_id = post_id;
    attached.push_back(id);
  }
  return attached;
}

json mm_file_info_json(const mm_file& f) {
  return {{"id", f.id},          {"user_id", f.user_id},     {"post_id", f.post_id},
          {"channel_id", f.channel_id}, {"create_at", f.create_at}, {"update_at", f.create_at},
          {"delete_at", 0},       {"name", f.name},           {"extension", f.extension},
          {"size", f.content.size()}, {"mime_type", f.mime_type}, {"has_preview_image", false}};
}

json mm_files_json(const mm_file_book& files) {
  json out = json::array();
  for (const auto& f : files.all()) {
    json item = mm_file_info_json(f);
    item["content"] = f.content;
    out.push_back(std::move(item));
  }
  return out;
}

http_reply mm_upload_files(mm_rest_call& c) {
  std::string bad_param;
  auto upload = read_upload(c, bad_param);
  if (!upload) {
    if (bad_param == "multipart") {
      return c.error(400, "api.file.upload_file.bad_parse.app_error", "Unable to upload file. Header cannot be parsed.");
    }
    return c.invalid_url_param(bad_param);
  }
  if (!mm_valid_id(upload->channel_id)) return c.invalid_body_param("channel_id");
  if (upload->files.empty()) return c.invalid_body_param("files");
  mm_channel* ch = c.mm.ws.channel_by_id(upload->channel_id);
  if (!ch || !ch->members.contains(c.caller.id)) return c.forbidden();
  for (const auto& part : upload->files) {
    if (part.content.size() > max_file_size) {
      return c.error(413, "api.file.upload_file.too_large_detailed.app_error",
                     "Unable to upload file " + part.filename + ". File is too large.");
    }
  }
  json infos = json::array();
  for (auto& part : upload->files) {
    mm_file f;
    f.id = c.mm.ws.new_id();
    f.user_id = c.caller.id;
    f.channel_id = ch->id;
    f.name = part.filename.empty() ? "file" : part.filename;
    f.extension = extension_of(f.name);
    f.mime_type = mime_of(f.extension);
    f.content = std::move(part.content);
    f.create_at = c.mm.ws.now_millis();
    infos.push_back(mm_file_info_json(c.mm.files.add(std::move(f))));
  }
  return json_reply({{"file_infos", std::move(infos)}, {"client_ids", json::array()}}, 201);
}

}  // namespace chatsim
