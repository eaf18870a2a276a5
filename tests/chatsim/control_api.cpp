// Role: implementation of the shared /_sim/ routes.
#include "control_api.hpp"

#include "control_support.hpp"
#include "sim_context.hpp"
#include "transcript.hpp"

namespace chatsim {
namespace {

nlohmann::json content_fields(const message_content& content) {
  nlohmann::json out{{"text", content.text}};
  if (!content.blocks.is_null()) out["blocks"] = content.blocks;
  if (!content.attachments.is_null()) out["attachments"] = content.attachments;
  return out;
}

nlohmann::json readback_message(const workspace& ws, const message& m) {
  nlohmann::json out = content_fields(m.content);
  out["ts"] = m.ts;
  out["user"] = m.user;
  out["user_name"] = ws.user_name(m.user);
  if (!m.thread_ts.empty()) out["thread_ts"] = m.thread_ts;
  if (!m.bot_id.empty()) out["bot_id"] = m.bot_id;
  if (!m.subtype.empty()) out["subtype"] = m.subtype;
  if (m.deleted) out["deleted"] = true;
  auto edits = nlohmann::json::array();
  for (const auto& v : m.edits) {
    auto version = content_fields(v.content);
    version["replaced_ts"] = v.replaced_ts;
    edits.push_back(std::move(version));
  }
  out["edits"] = std::move(edits);
  out["received_mono_ns"] = m.received_mono_ns;
  if (!m.files.is_null()) out["files"] = m.files;
  if (!m.reactions.empty()) {
    auto reactions = nlohmann::json::array();
    for (const auto& r : m.reactions) reactions.push_back({{"name", r.name}, {"users", r.users}});
    out["reactions"] = std::move(reactions);
  }
  return out;
}

nlohmann::json readback_channel(const workspace& ws, const channel& ch) {
  auto messages = nlohmann::json::array();
  for (const auto& m : ch.messages) messages.push_back(readback_message(ws, m));
  auto ephemeral = nlohmann::json::array();
  for (const auto& e : ch.ephemeral) {
    auto item = content_fields(e.content);
    item["ts"] = e.ts;
    item["to_user"] = e.to_user;
    item["from_user"] = e.from_user;
    if (!e.thread_ts.empty()) item["thread_ts"] = e.thread_ts;
    item["received_mono_ns"] = e.received_mono_ns;
    ephemeral.push_back(std::move(item));
  }
  return {{"channel", {{"id", ch.id}, {"name", ch.name}}},
          {"messages", std::move(messages)},
          {"ephemeral", std::move(ephemeral)}};
}

nlohmann::json channel_summary(const channel& ch) {
  return {{"id", ch.id}, {"name", ch.name}, {"members", ch.members}};
}

nlohmann::json user_summary(const user& u) { return {{"id", u.id}, {"name", u.name}}; }

// A person's IM with the bot, read back like a channel; before the first DM the lists are
// empty and the channel is null, so a test can poll without telling "none yet" from an error.
nlohmann::json readback_dm(const workspace& ws, const user& person, const channel* im) {
  nlohmann::json out = im ? readback_channel(ws, *im)
                          : nlohmann::json{{"channel", nullptr},
                                           {"messages", nlohmann::json::array()},
                                           {"ephemeral", nlohmann::json::array()}};
  out["user"] = user_summary(person);
  return out;
}

}  // namespace

boost::asio::awaitable<http_reply> control_api::handle(const http_request& request) {
  co_return route(request);
}

http_reply control_api::route(const http_request& request) {
  auto path = path_segments(request.path);  // path[0] == "_sim"
  std::string top = path.size() > 1 ? path[1] : "";
  bool get = request.method == "GET";
  if (top == "healthz" && get) return json_reply({{"ok", true}});
  if (top == "stats" && get) return json_reply(ctx_.stats.to_json());
  if (top == "transcript" && get) {
    std::string text = render_transcript(ctx_.ws);
    for (const auto& section : ctx_.transcript_sections) text += section();
    return text_reply(std::move(text));
  }
  if (top == "channels") return channels(request, path);
  if (top == "dms" && request.method == "GET") return dms(request, path);
  if (top == "users" && path.size() == 2) return users(request);
  if (top == "faults" && path.size() == 2) return faults(request);
  return error_reply(404, "no such control endpoint: " + request.method + " " + request.path);
}

http_reply control_api::channels(const http_request& request, const std::vector<std::string>& path) {
  workspace& ws = ctx_.ws;
  if (path.size() == 2 && request.method == "GET") {
    auto list = nlohmann::json::array();
    for (const auto& ch : ws.channels()) {
      if (!ch.is_im()) list.push_back(channel_summary(ch));  // IMs are under /_sim/dms
    }
    return json_reply({{"channels", list}});
  }
  if (path.size() == 2 && request.method == "POST") {
    auto body = json_body(request);
    if (!body) return error_reply(400, "body must be a JSON object");
    auto members = field_list(*body, "members");
    std::string name = field_string(*body, "name");
    if (auto error = ws.add_channel(name, members ? &*members : nullptr)) {
      return error_reply(ws.find_channel(name) ? 409 : 400, *error);
    }
    return json_reply({{"ok", true}, {"channel", channel_summary(*ws.find_channel(name))}});
  }
  if (path.size() == 4 && path[3] == "messages" && request.method == "GET") {
    channel* ch = ws.find_channel(path[2]);
    if (!ch) return error_reply(404, "no such channel: " + path[2]);
    return json_reply(readback_channel(ws, *ch));
  }
  return error_reply(404, "no such control endpoint: " + request.method + " " + request.path);
}

http_reply control_api::dms(const http_request& request, const std::vector<std::string>& path) {
  workspace& ws = ctx_.ws;
  if (path.size() == 2) {
    auto list = nlohmann::json::array();
    for (const auto& ch : ws.channels()) {
      if (!ch.is_im()) continue;
      list.push_back({{"user", user_summary(*ws.find_user_by_id(ch.im_user))},
                      {"channel", {{"id", ch.id}}}});
    }
    return json_reply({{"dms", list}});
  }
  if (path.size() == 4 && path[3] == "messages") {
    const user* person = ws.find_user(path[2]);
    if (!person) return error_reply(404, "no such user: " + path[2]);
    return json_reply(readback_dm(ws, *person, ws.find_im(person->id)));
  }
  return error_reply(404, "no such control endpoint: " + request.method + " " + request.path);
}

http_reply control_api::users(const http_request& request) {
  workspace& ws = ctx_.ws;
  if (request.method == "GET") {
    auto list = nlohmann::json::array();
    for (const auto& u : ws.users()) {
      list.push_back({{"id", u.id}, {"name", u.name}, {"real_name", u.real_name}, {"is_bot", u.is_bot}});
    }
    return json_reply({{"users", list}});
  }
  auto body = json_body(request);
  if (request.method != "POST" || !body) return error_reply(400, "POST a JSON object");
  user u{field_string(*body, "id"), field_string(*body, "name"), field_string(*body, "real_name"),
         false};
  auto channels = field_list(*body, "channels");
  if (auto error = ws.add_user(u, channels ? &*channels : nullptr)) {
    return error_reply(error->starts_with("user exists") ? 409 : 400, *error);
  }
  const user* added = ws.find_user(u.name);
  return json_reply({{"ok", true}, {"user", {{"id", added->id}, {"name", added->name}}}});
}

http_reply control_api::faults(const http_request& request) {
  if (request.method == "GET") return json_reply(ctx_.faults.to_json());
  if (request.method == "DELETE") {
    ctx_.faults.clear();
    return json_reply({{"ok", true}});
  }
  auto body = json_body(request);
  if (request.method != "POST" || !body) return error_reply(400, "POST a JSON object");
  fault f;
  f.method = field_string(*body, "method");
  auto mode = parse_fault_mode(field_string(*body, "mode"));
  if (f.method.empty() || !mode) {
    return error_reply(400, "need \"method\" and \"mode\" (hang, error500, ratelimit, slow)");
  }
  f.mode = *mode;
  if (body->contains("count") && (*body)["count"].is_number_integer()) {
    f.remaining = (*body)["count"].get<int>();
  }
  f.delay = field_millis(*body, "delay_ms", std::chrono::milliseconds(0));
  f.channel = field_string(*body, "channel");
  if (!f.channel.empty() && (f.channel[0] == '#' || f.channel[0] == '~')) f.channel.erase(0, 1);
  ctx_.faults.add(f);
  return json_reply({{"ok", true}, {"faults", ctx_.faults.to_json()["faults"]}});
}

}  // namespace chatsim
